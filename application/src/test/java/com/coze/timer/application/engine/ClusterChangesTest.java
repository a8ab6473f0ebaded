package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.application.port.out.ChangeBroadcast;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Changes made through another instance whose notice this one did not hear: the re-check of stored versions. */
class ClusterChangesTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final InMemoryFireLedger ledger = new InMemoryFireLedger(store, log);
    private final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    private final SchedulerEngine engine = new SchedulerEngine(EnginePorts.single(ledger, sender), clock, EngineSettings.DEFAULTS);
    private final SwitchableBroadcast broadcast = new SwitchableBroadcast();
    private final ClusterChanges changes = new ClusterChanges(engine, broadcast, ledger);

    @Test
    void whileNoticesMayBeLostACancelThroughAnotherInstanceHoldsAfterTheNextRecheck() {
        TaskId id = claimedOnTheWheel();
        broadcast.hearing = false;
        changes.recheckIfDeaf();

        changedElsewhere(id, task -> task.cancel(clock.instant()));

        assertThat(changes.recheckIfDeaf()).isEqualTo(1);
        at(T0.plusSeconds(3));
        assertThat(sender.calls()).isEmpty();
    }

    @Test
    void whileNoticesMayBeLostAChangedEndpointIsWhatTheClaimedFireIsSentTo() {
        TaskId id = claimedOnTheWheel();
        broadcast.hearing = false;
        changes.recheckIfDeaf();
        Callback moved = new Callback(URI.create("https://new.example.com/hook"), null, null, null);

        changedElsewhere(id, task -> task.modify(moved, task.schedule(), task.stopCondition(), clock.instant()));
        changes.recheckIfDeaf();

        at(T0.plusSeconds(2));
        assertThat(sender.calls()).singleElement()
                .satisfies(call -> assertThat(call.request().callback().endpoint()).isEqualTo(moved.endpoint()));
    }

    @Test
    void afterHearingAgainItRechecksOnceMoreThenStops() {
        TaskId id = claimedOnTheWheel();
        broadcast.hearing = false;
        changes.recheckIfDeaf();
        changedElsewhere(id, task -> task.pause(clock.instant()));
        broadcast.hearing = true;

        assertThat(changes.recheckIfDeaf()).as("the change made just before hearing again").isEqualTo(1);
        assertThat(changes.recheckIfDeaf()).isZero();
        at(T0.plusSeconds(3));
        assertThat(sender.calls()).isEmpty();
    }

    @Test
    void whileHearingNothingIsReread() {
        claimedOnTheWheel();

        assertThat(changes.recheckIfDeaf()).isZero();
        assertThat(broadcast.announced).isEmpty();
    }

    private TaskId claimedOnTheWheel() {
        Task task = aTask().interval(2).build();
        store.insert(task);
        at(T0.plusSeconds(1)); // the fire of T0+2 is claimed and on the wheel
        assertThat(engine.trackedTaskIds()).containsExactly(task.id());
        return task.id();
    }

    /** Another instance stored the change; its notice never arrived. */
    private void changedElsewhere(TaskId id, Function<Task, Result<Task>> move) {
        store.update(((Result.Ok<Task>) move.apply(store.find(id).orElseThrow())).value()).orElseThrow();
    }

    private void at(Instant instant) {
        clock.set(instant);
        engine.refill();
        engine.advance();
    }

    private static final class SwitchableBroadcast implements ChangeBroadcast {
        volatile boolean hearing = true;
        final List<TaskId> announced = new ArrayList<>();

        @Override
        public void announce(TaskId taskId) {
            announced.add(taskId);
        }

        @Override
        public void listen(Consumer<TaskId> onChange) {
        }

        @Override
        public boolean hearing() {
            return hearing;
        }
    }
}
