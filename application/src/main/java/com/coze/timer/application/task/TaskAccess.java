package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.util.Optional;
import java.util.function.Function;

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
        return find(caller, taskId, store::find, task -> task);
    }

    /** What {@code lookUp} reads for the task, when the caller may see the task {@code taskOf} tells. */
    static <T> Result<T> find(Caller caller, String taskId, Function<TaskId, Optional<T>> lookUp, Function<T, Task> taskOf) {
        return TaskId.parse(taskId)
                .flatMap(lookUp)
                .filter(found -> caller.mayActFor(taskOf.apply(found).userId()))
                .<Result<T>>map(Result::ok)
                .orElseGet(() -> Result.rejected(Rejection.notFound("task " + taskId)));
    }

    static Result<Void> requireMayActFor(Caller caller, long userId) {
        return caller.mayActFor(userId)
                ? Result.ok(null)
                : Result.rejected(Rejection.forbidden("token does not belong to user " + userId, "user_id"));
    }
}
