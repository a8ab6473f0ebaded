package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.CancelTask;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;
import java.time.Clock;

/** Stops a task: it becomes {@code stopped}, leaves the wheel, and its call in flight is aborted. */
public final class CancelTaskService implements CancelTask {

    private final TaskUpdates updates;
    private final ScheduleChanges changes;
    private final Clock clock;

    public CancelTaskService(TaskStore store, ScheduleChanges changes, Clock clock) {
        this.updates = new TaskUpdates(store);
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public Result<Task> cancel(Caller caller, String taskId) {
        Result<Task> result = updates.apply(caller, taskId, task -> task.cancel(clock.instant()));
        if (result instanceof Result.Ok<Task> ok) {
            TaskLog.cancelled(ok.value());
            changes.unscheduled(ok.value().id());
        }
        return result;
    }
}
