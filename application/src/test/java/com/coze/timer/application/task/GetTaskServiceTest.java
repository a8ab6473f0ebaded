package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.port.in.TaskView;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GetTaskServiceTest {

    private static final Caller OWNER = new Caller(1001, false);

    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final GetTaskService service = new GetTaskService(store, java.time.Clock.systemUTC());

    @Test
    void theOwnerSeesTheTaskWithItsLatestExecution() {
        Task task = store.put(aTask().ownedBy(1001).build());
        log.append(execution(task, "2026-04-22T10:00:20Z", 500));
        ExecutionRecord latest = log.append(execution(task, "2026-04-22T10:00:40Z", 200));

        TaskView view = service.get(OWNER, task.id().toString()).orElseThrow();

        assertThat(view.task()).isEqualTo(task);
        assertThat(view.lastExecution()).contains(latest);
    }

    @Test
    void aTaskNeverRunHasNoLastExecution() {
        Task task = store.put(aTask().build());

        assertThat(service.get(OWNER, task.id().toString()).orElseThrow().lastExecution()).isEmpty();
    }

    @Test
    void anotherUsersTaskIsNotFound() {
        Task task = store.put(aTask().ownedBy(2002).build());

        Rejection rejection = rejectionOf(service.get(OWNER, task.id().toString()));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.NOT_FOUND);
    }

    @Test
    void aMalformedTaskIdIsNotFound() {
        assertThat(rejectionOf(service.get(OWNER, "not-a-uuid")).code()).isEqualTo(Rejection.Code.NOT_FOUND);
    }

    @Test
    void anAdminSeesAnyTask() {
        Task task = store.put(aTask().ownedBy(2002).build());

        assertThat(service.get(new Caller(0, true), task.id().toString()).isOk()).isTrue();
    }

    static ExecutionRecord execution(Task task, String scheduled, int status) {
        Instant at = Instant.parse(scheduled);
        return new ExecutionRecord(0, "exec-" + scheduled, task.id(), task.userId(), at, at.plusMillis(3), 35,
                OptionalInt.of(status), Optional.of("OK"), 1,
                status < 300 ? ExecutionOutcome.SUCCESS : ExecutionOutcome.FAILURE, Optional.empty());
    }
}
