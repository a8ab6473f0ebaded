package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;

/**
 * Finds a task on behalf of a caller. Another user's task is reported exactly like a missing one,
 * so that task ids of other users cannot be probed.
 */
final class TaskAccess {

    private final TaskStore store;

    TaskAccess(TaskStore store) {
        this.store = store;
    }

    Result<Task> find(Caller caller, String taskId) {
        return TaskId.parse(taskId)
                .flatMap(store::find)
                .filter(task -> caller.mayActFor(task.userId()))
                .<Result<Task>>map(Result::ok)
                .orElseGet(() -> Result.rejected(Rejection.notFound("task " + taskId)));
    }

    static Result<Void> requireMayActFor(Caller caller, long userId) {
        return caller.mayActFor(userId)
                ? Result.ok(null)
                : Result.rejected(Rejection.forbidden("token does not belong to user " + userId, "user_id"));
    }
}
