package com.coze.timer.application.task;

import com.coze.timer.application.port.in.CreateTask;
import com.coze.timer.application.port.in.CreateTaskCommand;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.endpoint.CallbackTargets;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Signing;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Clock;
import java.time.Instant;

/**
 * Creates a task: checks the caller, the target and the quota, gives it its delivery settings and a
 * fresh signing secret, stores it, and hands it to the engine.
 */
public final class CreateTaskService implements CreateTask {

    private final TaskStore store;
    private final TaskQueries queries;
    private final ScheduleChanges changes;
    private final TaskPolicy policy;
    private final Clock clock;

    public CreateTaskService(TaskStore store, TaskQueries queries, ScheduleChanges changes, TaskPolicy policy, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.changes = changes;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Result<Task> create(CreateTaskCommand command) {
        return TaskAccess.requireMayActFor(command.caller(), command.userId())
                .flatMap(ok -> checkTarget(command))
                .flatMap(ok -> build(command))
                .flatMap(this::store);
    }

    private Result<Void> checkTarget(CreateTaskCommand command) {
        try {
            CallbackTargets.checkHost(command.callback().endpoint(), policy.allowPrivateTargets());
            command.failureCallback().ifPresent(url -> CallbackTargets.checkHost(url, policy.allowPrivateTargets(),
                    Task.FAILURE_CALLBACK_URL));
            return Result.ok(null);
        } catch (InvalidArgument e) {
            return Result.rejected(Rejection.of(e));
        }
    }

    /**
     * The refusal of a create the quota has no room for, with the count of the user's active tasks:
     * counted only then, since the insert counts under the user's quota lock itself.
     */
    private <T> Result<T> quotaExceeded(long userId) {
        long active = queries.countActiveByUser(userId);
        return Result.rejected(new Rejection(Rejection.Code.QUOTA_EXCEEDED,
                "user " + userId + " already has " + active + " active tasks (limit " + policy.maxActiveTasksPerUser() + ")",
                "user_id"));
    }

    private Result<Task> build(CreateTaskCommand c) {
        try {
            Instant now = clock.instant();
            Callback callback = c.callback().withDelivery(c.delivery().applyTo(policy.delivery()))
                    .withSigning(Signing.generate());
            return Result.ok(Task.create(TaskId.random(), c.userId(), c.schedule(), callback, c.stopCondition(), now)
                    .withTags(c.tags(), now).withFailureCallback(c.failureCallback(), now));
        } catch (InvalidArgument e) {
            return Result.rejected(Rejection.of(e));
        }
    }

    private Result<Task> store(Task task) {
        if (!store.insertWithinQuota(task, policy.maxActiveTasksPerUser())) {
            return quotaExceeded(task.userId());
        }
        TaskLog.created(task);
        changes.scheduled(task);
        return Result.ok(task);
    }
}
