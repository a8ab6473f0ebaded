package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.ControlTask;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Pauses, resumes and runs tasks: each one stored change under the version guard, then told to
 * whoever fires the task ({@link ScheduleChanges}), which holds it before the call returns.
 */
public final class ControlTaskService implements ControlTask {

    private final TaskUpdates updates;
    private final ScheduleChanges changes;
    private final Clock clock;
    private final Duration lease;

    /** {@code lease}: how long a run's claim is presumed in progress before another instance takes it over. */
    public ControlTaskService(TaskStore store, ScheduleChanges changes, Clock clock, Duration lease) {
        this.updates = new TaskUpdates(store);
        this.changes = changes;
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public Result<Task> pause(Caller caller, String taskId) {
        return told(updates.apply(caller, taskId, task -> task.pause(clock.instant())), "paused");
    }

    @Override
    public Result<Task> resume(Caller caller, String taskId) {
        return told(updates.apply(caller, taskId, task -> task.resume(clock.instant())), "resumed");
    }

    @Override
    public Result<RunTriggered> run(Caller caller, String taskId) {
        String executionId = UUID.randomUUID().toString();
        return told(updates.apply(caller, taskId, task -> task.claimRun(executionId, clock.instant().plus(lease), clock.instant())),
                "run triggered (execution " + executionId + ")").map(task -> new RunTriggered(task, executionId));
    }

    private Result<Task> told(Result<Task> result, String what) {
        if (result instanceof Result.Ok<Task> ok) {
            TaskLog.controlled(ok.value(), what);
            changes.scheduled(ok.value());
        }
        return result;
    }
}
