package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.application.task.GetTaskServiceTest.execution;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.RecordingScheduleChanges;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.task.Task;
import org.junit.jupiter.api.Test;

class DeleteTaskServiceTest {

    private static final Caller OWNER = new Caller(1001, false);

    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final RecordingScheduleChanges changes = new RecordingScheduleChanges();
    private final DeleteTaskService service = new DeleteTaskService(store, changes);

    @Test
    void deleteRemovesTheTaskAndItsHistory() {
        Task task = store.put(aTask().build());
        Task other = store.put(aTask().build());
        log.append(execution(task, "2026-04-22T10:00:20Z", 200));
        log.append(execution(other, "2026-04-22T10:00:20Z", 200));

        assertThat(service.delete(OWNER, task.id().toString()).orElseThrow()).isEqualTo(task.id());

        assertThat(store.find(task.id())).isEmpty();
        assertThat(log.recent(task.id(), 10, java.util.Optional.empty())).isEmpty();
        assertThat(log.size()).isEqualTo(1);
        assertThat(changes.unscheduled()).containsExactly(task.id());
    }

    @Test
    void anEndedTaskCanBeDeleted() {
        Task task = store.put(aTask().build().cancel(java.time.Instant.parse("2026-04-22T10:01:00Z")).orElseThrow());

        assertThat(service.delete(OWNER, task.id().toString()).isOk()).isTrue();
    }

    @Test
    void deleteOfAnotherUsersTaskIsNotFoundAndKeepsIt() {
        Task task = store.put(aTask().ownedBy(2002).build());

        assertThat(rejectionOf(service.delete(OWNER, task.id().toString())).code()).isEqualTo(Rejection.Code.NOT_FOUND);
        assertThat(store.find(task.id())).isPresent();
        assertThat(changes.unscheduled()).isEmpty();
    }

    @Test
    void deletingTwiceIsNotFound() {
        Task task = store.put(aTask().build());
        service.delete(OWNER, task.id().toString()).orElseThrow();

        assertThat(rejectionOf(service.delete(OWNER, task.id().toString())).code()).isEqualTo(Rejection.Code.NOT_FOUND);
    }
}
