package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.engine.EngineCommand.Withdrawn;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The inbox on its own, and through the engine: other threads' commands take effect at the wheel's next step. */
class EngineInboxTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");

    private final EngineInbox inbox = new EngineInbox();

    @Test
    void commandsApplyInTheOrderPostedAndOnlyWhenDrained() {
        List<EngineCommand> applied = new ArrayList<>();
        TaskId first = TaskId.random();
        TaskId second = TaskId.random();
        inbox.post(new Withdrawn(first));
        inbox.post(new Withdrawn(second));
        assertThat(applied).isEmpty();

        assertThat(inbox.drain(applied::add)).isEqualTo(2);

        assertThat(applied).containsExactly(new Withdrawn(first), new Withdrawn(second));
        assertThat(inbox.isEmpty()).isTrue();
    }

    @Test
    void aCommandThatThrowsIsSkippedAndTheOnesAfterItStillApply() {
        List<EngineCommand> applied = new ArrayList<>();
        CompletableFuture<Void> failing = inbox.post(new EngineCommand.Stop());
        inbox.post(new EngineCommand.AbortAll());

        inbox.drain(command -> {
            if (command instanceof EngineCommand.Stop) {
                throw new IllegalStateException("boom");
            }
            applied.add(command);
        });

        assertThat(applied).containsExactly(new EngineCommand.AbortAll());
        assertThat(failing).isCompleted();
    }

    @Test
    void everyPostWakesTheOwner() {
        int[] wakes = {0};
        inbox.onPost(() -> wakes[0]++);
        inbox.post(new EngineCommand.Stop());
        inbox.post(new EngineCommand.Stop());
        assertThat(wakes[0]).isEqualTo(2);
    }

    @Test
    void postAndWaitReturnsOnceTheOwnerAppliedTheCommandAndGivesUpAfterItsTimeout() throws Exception {
        inbox.drainedByAThread();
        assertThat(inbox.postAndWait(new EngineCommand.Stop(), Duration.ofMillis(20))).as("nobody drained it").isFalse();
        inbox.drain(command -> { });

        Thread owner = Thread.ofPlatform().start(() -> {
            while (inbox.drain(command -> { }) == 0) {
                Thread.onSpinWait();
            }
        });
        assertThat(inbox.postAndWait(new EngineCommand.Stop(), Duration.ofSeconds(10))).isTrue();
        owner.join();
    }

    @Test
    void aCancelPostedFromAnotherThreadHoldsAtTheWheelsNextStepBeforeTheFireIsDue() throws Exception {
        ManualClock clock = new ManualClock(T0);
        InMemoryExecutionLog log = new InMemoryExecutionLog();
        InMemoryTaskStore store = new InMemoryTaskStore(log);
        ScriptedCallbackSender sender = new ScriptedCallbackSender();
        SchedulerEngine engine = new SchedulerEngine(EnginePorts.single(new InMemoryFireLedger(store, log), sender), clock,
                EngineSettings.DEFAULTS);
        Task task = aTask().interval(2).build();
        store.insert(task);
        clock.set(T0.plusSeconds(1));
        engine.refill();
        engine.advance();
        assertThat(engine.wheelSize()).isEqualTo(1);

        Thread api = Thread.ofPlatform().start(() -> engine.unscheduled(task.id()));
        api.join();
        assertThat(engine.wheelSize()).as("not applied until the wheel thread steps").isEqualTo(1);
        clock.set(T0.plusSeconds(2));
        engine.advance();

        assertThat(sender.calls()).isEmpty();
        assertThat(engine.trackedFires()).isZero();
    }
}
