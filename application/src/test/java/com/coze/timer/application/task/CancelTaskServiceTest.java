package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.application.fakes.TaskStates.firedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.RecordingScheduleChanges;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import org.junit.jupiter.api.Test;

class CancelTaskServiceTest {

    private static final Caller OWNER = new Caller(1001, false);

    private final ManualClock clock = ManualClock.at("2026-04-22T10:05:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingScheduleChanges changes = new RecordingScheduleChanges();
    private final CancelTaskService service = new CancelTaskService(store, changes, clock);

    @Test
    void cancelStopsTheTaskAndTakesItOffTheWheel() {
        Task task = store.put(aTask().build());

        Task stopped = service.cancel(OWNER, task.id().toString()).orElseThrow();

        assertThat(stopped.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.nextRunTime()).isEmpty();
        assertThat(stopped.updatedAt()).isEqualTo(clock.instant());
        assertThat(store.find(task.id())).contains(stopped);
        assertThat(stopped.version()).isEqualTo(task.version() + 1);
        assertThat(changes.unscheduled()).containsExactly(task.id());
    }

    @Test
    void aRunningTaskCanBeCancelled() {
        Task task = store.put(aTask().build());
        store.put(firedOnce(task, clock.instant()));

        assertThat(service.cancel(OWNER, task.id().toString()).orElseThrow().status()).isEqualTo(TaskStatus.STOPPED);
    }

    @Test
    void cancelOfAStoppedTaskIsAConflict() {
        Task task = store.put(aTask().build());
        service.cancel(OWNER, task.id().toString()).orElseThrow();
        changes.clear();

        Rejection rejection = rejectionOf(service.cancel(OWNER, task.id().toString()));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(changes.unscheduled()).isEmpty();
    }

    @Test
    void cancelOfACompletedTaskIsAConflict() {
        Task task = store.put(aTask().once("2026-04-22T10:00:00Z").build());
        store.put(firedOnce(task, clock.instant()));

        assertThat(rejectionOf(service.cancel(OWNER, task.id().toString())).code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void cancelRetriesAfterLosingARaceToTheEngine() {
        Task task = store.put(aTask().build());
        store.interfereWithNextUpdates(2, stored -> firedOnce(stored, clock.instant()));

        Task stopped = service.cancel(OWNER, task.id().toString()).orElseThrow();

        assertThat(stopped.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(store.updateAttempts()).isEqualTo(3);
        assertThat(stopped.version()).isEqualTo(3);
        assertThat(store.find(task.id())).contains(stopped);
    }

    @Test
    void cancelGivesUpWithAConflictWhenTheTaskNeverStopsChanging() {
        Task task = store.put(aTask().build());
        store.interfereWithNextUpdates(Integer.MAX_VALUE, stored -> stored);

        Rejection rejection = rejectionOf(service.cancel(OWNER, task.id().toString()));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(changes.unscheduled()).isEmpty();
    }

    @Test
    void anotherUsersTaskCannotBeCancelled() {
        Task task = store.put(aTask().ownedBy(2002).build());

        assertThat(rejectionOf(service.cancel(OWNER, task.id().toString())).code()).isEqualTo(Rejection.Code.NOT_FOUND);
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
    }
}
