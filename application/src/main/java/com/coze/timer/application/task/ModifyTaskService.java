package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.ModifyTask;
import com.coze.timer.application.port.in.TaskPatch;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.endpoint.CallbackTargets;
import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.schedule.Schedules;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.Task;
import java.time.Clock;
import com.coze.timer.domain.task.TaskTags;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Modifies a task that has not ended. Given fields replace the stored ones; schedule fields are
 * merged with the current schedule when the type stays, and the next fire is recomputed from now.
 * Rotating the signing secret is a modification too: only the secrets change.
 */
public final class ModifyTaskService implements ModifyTask {

    private final TaskUpdates updates;
    private final ScheduleChanges changes;
    private final TaskPolicy policy;
    private final Clock clock;

    public ModifyTaskService(TaskStore store, ScheduleChanges changes, TaskPolicy policy, Clock clock) {
        this.updates = new TaskUpdates(store);
        this.changes = changes;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Result<Task> modify(Caller caller, String taskId, TaskPatch patch) {
        Result<Task> result = updates.apply(caller, taskId, task -> applyPatch(task, patch));
        if (result instanceof Result.Ok<Task> ok) {
            TaskLog.modified(ok.value());
            changes.scheduled(ok.value());
        }
        return result;
    }

    @Override
    public Result<Task> rotateSigningSecret(Caller caller, String taskId) {
        Result<Task> result = updates.apply(caller, taskId, task -> task.modify(
                task.callback().withSigning(task.callback().signing().rotate(clock.instant())), task.schedule(),
                task.stopCondition(), clock.instant()));
        if (result instanceof Result.Ok<Task> ok) {
            TaskLog.signingSecretRotated(ok.value());
            changes.scheduled(ok.value());
        }
        return result;
    }

    private Result<Task> applyPatch(Task task, TaskPatch patch) {
        try {
            Callback callback = callback(task.callback(), patch, policy.delivery());
            CallbackTargets.checkHost(callback.endpoint(), policy.allowPrivateTargets());
            Schedule schedule = patch.touchesSchedule() ? schedule(task.schedule(), patch, clock.instant()) : task.schedule();
            TaskTags tags = patch.tagsOf(task.tags());
            Optional<URI> failureCallback = patch.failureCallback().orElse(task.failureCallback());
            failureCallback.ifPresent(url -> CallbackTargets.checkHost(url, policy.allowPrivateTargets(), Task.FAILURE_CALLBACK_URL));
            return task.modify(callback, schedule, patch.stopCondition().orElse(task.stopCondition()), clock.instant())
                    .map(modified -> modified.withTags(tags, clock.instant()).withFailureCallback(failureCallback, clock.instant()));
        } catch (InvalidArgument e) {
            return Result.rejected(Rejection.of(e));
        }
    }

    private static Callback callback(Callback current, TaskPatch patch, Delivery defaults) {
        Optional<String> body = patch.body().isPresent()
                ? patch.body().filter(text -> !text.equals("null"))
                : current.body();
        Optional<Delivery> delivery = patch.delivery().isEmpty() ? current.delivery()
                : Optional.of(patch.delivery().applyTo(current.delivery().orElse(defaults)));
        return new Callback(patch.endpoint().orElse(current.endpoint()), patch.method().orElse(current.method()),
                patch.headers().orElse(current.headers()), body, delivery, current.signing());
    }

    private static Schedule schedule(Schedule current, TaskPatch patch, Instant now) {
        ScheduleType type = patch.type().orElse(current.type());
        boolean sameType = type == current.type();
        Long interval = patch.intervalSeconds().orElse(sameType && current instanceof IntervalSchedule i
                ? i.interval().toSeconds() : null);
        String cron = patch.cronExpression().orElse(sameType && current instanceof CronSchedule c ? c.expression() : null);
        String zone = patch.timeZone().orElse(sameType && current instanceof CronSchedule c ? c.zone().getId() : null);
        // A start time still ahead is kept while the type stays; one that has passed would fire at once.
        Instant start = patch.startTime().orElse(sameType ? current.startTime().filter(now::isBefore).orElse(null) : null);
        return Schedules.of(type, interval, cron, zone, start);
    }
}
