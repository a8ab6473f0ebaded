package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Pause, resume and run as the engine sees them: a stored change, then the API's notice. */
class EngineControlTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    private final SchedulerEngine engine = new SchedulerEngine(
            EnginePorts.single(new InMemoryFireLedger(store, log), sender), clock, EngineSettings.DEFAULTS);

    @Test
    void aPausedTaskFiresNothingAndAResumedOneFiresAgainOnItsGrid() throws Exception {
        TaskId id = stored(aTask().interval(2).build());
        at(T0.plusSeconds(1)); // the fire of T0+2 is claimed and on the wheel
        change(id, task -> task.pause(clock.instant()));
        at(T0.plusSeconds(9));
        assertThat(sender.calls()).isEmpty();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.PAUSED);

        change(id, task -> task.resume(clock.instant()));
        engine.advance();
        at(T0.plusSeconds(10));
        assertThat(sender.calls()).singleElement()
                .satisfies(call -> assertThat(call.request().scheduledTime()).as("2..8 are not replayed").isEqualTo(T0.plusSeconds(10)));
    }

    @Test
    void aRunFiresOnceAtOnceWithItsOwnExecutionIdAndTheNextOccurrenceStays() throws Exception {
        TaskId id = stored(aTask().interval(2).build());
        at(T0.plusSeconds(1));
        String claimedOccurrence = store.find(id).orElseThrow().pendingFire().orElseThrow().executionId();
        change(id, task -> task.claimRun("run-1", clock.instant().plusSeconds(60), clock.instant()));
        engine.advance();
        assertThat(sender.calls()).singleElement().satisfies(call -> assertThat(call.request().executionId()).isEqualTo("run-1"));

        sender.last().respond(200, "{}", clock.instant());
        engine.advance();
        engine.recordFinished(0);
        assertThat(store.find(id).orElseThrow().executionCount()).isEqualTo(1);
        assertThat(store.find(id).orElseThrow().upcomingFire(clock.instant())).contains(T0.plusSeconds(2));
        at(T0.plusSeconds(2));
        assertThat(sender.calls()).hasSize(2);
        assertThat(sender.last().request().executionId()).isNotEqualTo(claimedOccurrence).isNotEqualTo("run-1");
        assertThat(sender.last().request().scheduledTime()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void occurrencesPassedWhileACallWasInFlightAreCountedAsSkippedWithTheReason() throws Exception {
        TaskId id = stored(aTask().interval(1).build());
        at(T0.plusSeconds(1));
        clock.set(T0.plusSeconds(8)); // the target took 7 s, retries included
        sender.last().respond(200, "{}", T0.plusSeconds(1));
        engine.advance();
        engine.recordFinished(0);

        Skips skips = store.skipsOf(id);
        assertThat(skips.count()).as("T0+3 … T0+8 passed; T0+2 fires now, late").isEqualTo(6);
        assertThat(skips.lastReason()).contains(Skips.Reason.IN_FLIGHT);
        assertThat(skips.lastTime()).contains(T0.plusSeconds(8));
        engine.advance();
        assertThat(sender.last().request().scheduledTime()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void occurrencesPassedWhileNoInstanceRanAreCountedAsMisfires() {
        TaskId id = stored(aTask().interval(1).createdAt("2026-04-22T09:59:00Z").build()); // due since 09:59:01
        at(T0.plusMillis(5));

        assertThat(store.skipsOf(id).count()).as("09:59:02 … 10:00:00").isEqualTo(59);
        assertThat(store.skipsOf(id).lastReason()).contains(Skips.Reason.MISFIRE);
        assertThat(sender.calls()).singleElement();
    }

    private void change(TaskId id, Function<Task, Result<Task>> move) {
        Task changed = ((Result.Ok<Task>) move.apply(store.find(id).orElseThrow())).value();
        engine.scheduled(store.update(changed).orElseThrow());
    }

    private TaskId stored(Task task) {
        store.insert(task);
        return task.id();
    }

    private void at(Instant instant) {
        clock.set(instant);
        engine.refill();
        engine.advance();
    }
}
