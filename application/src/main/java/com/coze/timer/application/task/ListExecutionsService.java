package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.ListExecutions;
import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionRecord;
import java.util.List;
import java.util.Optional;

/** A task's executions, newest first. */
public final class ListExecutionsService implements ListExecutions {

    private final TaskAccess access;
    private final ExecutionLog log;

    public ListExecutionsService(TaskStore store, ExecutionLog log) {
        this.access = new TaskAccess(store);
        this.log = log;
    }

    @Override
    public Result<List<ExecutionRecord>> list(Caller caller, String taskId, int limit, Optional<Long> beforeLogId) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Result.rejected(Rejection.invalid("limit", "limit must be between 1 and " + MAX_LIMIT));
        }
        return access.find(caller, taskId).map(task -> log.recent(task.id(), limit, beforeLogId));
    }
}
