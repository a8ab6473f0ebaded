package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.application.task.GetTaskServiceTest.execution;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListExecutionsServiceTest {

    private static final Caller OWNER = new Caller(1001, false);

    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final ListExecutionsService service = new ListExecutionsService(store, log);

    @Test
    void listsNewestFirstAndPagesBackwardsByLogId() {
        Task task = store.put(aTask().build());
        for (int second = 10; second < 15; second++) {
            log.append(execution(task, "2026-04-22T10:00:" + second + "Z", 200));
        }

        List<ExecutionRecord> first = service.list(OWNER, task.id().toString(), 2, Optional.empty()).orElseThrow();
        List<ExecutionRecord> second = service.list(OWNER, task.id().toString(), 2, Optional.of(first.get(1).logId())).orElseThrow();

        assertThat(first).extracting(ExecutionRecord::logId).containsExactly(5L, 4L);
        assertThat(second).extracting(ExecutionRecord::logId).containsExactly(3L, 2L);
    }

    @Test
    void aLimitOutOfRangeIsInvalid() {
        Task task = store.put(aTask().build());

        Rejection rejection = rejectionOf(service.list(OWNER, task.id().toString(), 0, Optional.empty()));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.INVALID_ARGUMENT);
        assertThat(rejection.field()).isEqualTo("limit");
    }

    @Test
    void anotherUsersHistoryIsNotFound() {
        Task task = store.put(aTask().ownedBy(2002).build());
        log.append(execution(task, "2026-04-22T10:00:10Z", 200));

        assertThat(rejectionOf(service.list(OWNER, task.id().toString(), 10, Optional.empty())).code())
                .isEqualTo(Rejection.Code.NOT_FOUND);
    }
}
