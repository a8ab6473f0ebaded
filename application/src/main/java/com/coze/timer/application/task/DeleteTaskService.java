package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.DeleteTask;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.TaskId;

/** Deletes a task and its history; a fire in flight is aborted. */
public final class DeleteTaskService implements DeleteTask {

    private final TaskStore store;
    private final TaskAccess access;
    private final ScheduleChanges changes;

    public DeleteTaskService(TaskStore store, ScheduleChanges changes) {
        this.store = store;
        this.access = new TaskAccess(store);
        this.changes = changes;
    }

    @Override
    public Result<TaskId> delete(Caller caller, String taskId) {
        return access.find(caller, taskId).flatMap(task -> {
            changes.unscheduled(task.id());
            if (!store.delete(task.id())) {
                return Result.rejected(Rejection.notFound("task " + taskId));
            }
            TaskLog.deleted(task);
            return Result.ok(task.id());
        });
    }
}
