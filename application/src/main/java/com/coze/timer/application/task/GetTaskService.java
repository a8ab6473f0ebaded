package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.GetTask;
import com.coze.timer.application.port.in.TaskView;
import com.coze.timer.application.port.out.StoredTask;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Result;
import java.time.Clock;

/** Shows a task with its latest execution and its skips, read in one go. */
public final class GetTaskService implements GetTask {

    private final TaskStore store;
    private final Clock clock;

    public GetTaskService(TaskStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Result<TaskView> get(Caller caller, String taskId) {
        return TaskAccess.find(caller, taskId, store::findWithLatest, StoredTask::task)
                .map(stored -> new TaskView(stored.task(), stored.latestExecution(), stored.task().upcomingFire(clock.instant()),
                        stored.skips()));
    }
}
