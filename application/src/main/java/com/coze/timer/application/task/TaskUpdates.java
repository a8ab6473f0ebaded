package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies a change to a stored task under optimistic locking: read, change, write if the version
 * is unchanged, and on a lost race read again and retry. The engine updates running tasks at every
 * fire, so a user's change must be ready to go round a few times.
 */
final class TaskUpdates {

    private static final int MAX_ATTEMPTS = 20;

    private final TaskStore store;
    private final TaskAccess access;

    TaskUpdates(TaskStore store) {
        this.store = store;
        this.access = new TaskAccess(store);
    }

    Result<Task> apply(Caller caller, String taskId, Function<Task, Result<Task>> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Result<Task> changed = access.find(caller, taskId).flatMap(change);
            if (!(changed instanceof Result.Ok<Task> ok)) {
                return changed;
            }
            Optional<Task> written = store.update(ok.value());
            if (written.isPresent()) {
                return Result.ok(written.get());
            }
        }
        return Result.rejected(Rejection.conflict("task " + taskId + " is changing too often; try again"));
    }
}
