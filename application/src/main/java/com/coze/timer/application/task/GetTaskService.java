package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.GetTask;
import com.coze.timer.application.port.in.TaskView;
import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Result;

/** Shows a task with its latest execution. */
public final class GetTaskService implements GetTask {

    private final TaskAccess access;
    private final ExecutionLog log;

    public GetTaskService(TaskStore store, ExecutionLog log) {
        this.access = new TaskAccess(store);
        this.log = log;
    }

    @Override
    public Result<TaskView> get(Caller caller, String taskId) {
        return access.find(caller, taskId).map(task -> new TaskView(task, log.latest(task.id())));
    }
}
