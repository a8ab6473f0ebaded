package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.GetTask;
import com.coze.timer.application.port.in.TaskView;
import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Result;
import java.time.Clock;

/** Shows a task with its latest execution. */
public final class GetTaskService implements GetTask {

    private final TaskAccess access;
    private final TaskStore store;
    private final ExecutionLog log;
    private final Clock clock;

    public GetTaskService(TaskStore store, ExecutionLog log, Clock clock) {
        this.access = new TaskAccess(store);
        this.store = store;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Result<TaskView> get(Caller caller, String taskId) {
        return access.find(caller, taskId).map(task -> new TaskView(task, log.latest(task.id()), task.upcomingFire(clock.instant()),
                store.skipsOf(task.id())));
    }
}
