package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.stop.StopPolicy;
import com.coze.timer.domain.endpoint.CallbackTargets;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A scheduled HTTP callback and where it stands in its lifecycle. Immutable: every change returns a
 * new task, which the store writes only if the stored {@code version} is still the one it was read
 * at (optimistic locking). Every move between states goes through {@link TaskStatus#canMoveTo}.
 *
 * <p>{@code failureCallback}, when present, is where a fire that finally failed is reported (see
 * {@link #FAILURE_CALLBACK_URL}); checked like the endpoint.
 *
 * <p>Invariants: a final task has no {@code nextRunTime}; times are held to the millisecond, as stored.
 */
public record Task(
        TaskId id,
        long userId,
        Schedule schedule,
        Callback callback,
        StopCondition stopCondition,
        TaskStatus status,
        long executionCount,
        int consecutiveFailures,
        Optional<Instant> nextRunTime,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Optional<PendingFire> pendingFire,
        TaskTags tags,
        Optional<URI> failureCallback) {

    public Task {
        failureCallback = failureCallback == null ? Optional.empty() : failureCallback;
        failureCallback.ifPresent(target -> CallbackTargets.requireAllowedUri(target, FAILURE_CALLBACK_URL));
        nextRunTime = nextRunTime.map(Task::millis);
        pendingFire = pendingFire == null ? Optional.empty() : pendingFire;
        tags = tags == null ? TaskTags.NONE : tags;
        if (status.isFinal() && (nextRunTime.isPresent() || pendingFire.isPresent())) {
            throw new IllegalArgumentException("a " + status.wire() + " task has no next run time and no pending fire");
        }
    }

    /** A task with no fire claimed. */
    public Task(TaskId id, long userId, Schedule schedule, Callback callback, StopCondition stopCondition, TaskStatus status,
                long executionCount, int consecutiveFailures, Optional<Instant> nextRunTime, Instant createdAt,
                Instant updatedAt, long version) {
        this(id, userId, schedule, callback, stopCondition, status, executionCount, consecutiveFailures, nextRunTime,
                createdAt, updatedAt, version, Optional.empty(), TaskTags.NONE, Optional.empty());
    }

    /** The field that names {@link #failureCallback}: where a fire that finally failed is reported. */
    public static final String FAILURE_CALLBACK_URL = "failure_callback_url";

    /** A new, pending task whose first fire is computed from {@code now}. */
    public static Task create(TaskId id, long userId, Schedule schedule, Callback callback, StopCondition stop, Instant now) {
        Instant at = millis(now);
        Instant first = schedule.firstFire(at).orElseThrow(() -> neverFires(schedule));
        return new Task(id, userId, schedule, callback, stop, TaskStatus.PENDING, 0, 0, Optional.of(first), at, at, 0);
    }

    /** The same task with a new name and labels, as of {@code now}; they change nothing about its fires. */
    public Task withTags(TaskTags newTags, Instant now) {
        return new Task(id, userId, schedule, callback, stopCondition, status, executionCount, consecutiveFailures,
                nextRunTime, createdAt, millis(now), version, pendingFire, newTags, failureCallback);
    }

    /** The same task reporting its final failures to {@code target} (or nowhere), as of {@code now}. */
    public Task withFailureCallback(Optional<URI> target, Instant now) {
        return new Task(id, userId, schedule, callback, stopCondition, status, executionCount, consecutiveFailures,
                nextRunTime, createdAt, millis(now), version, pendingFire, tags, target);
    }

    /** Stops the task for good (the user's cancel). */
    public Result<Task> cancel(Instant now) {
        return moveTo(TaskStatus.STOPPED, Optional.empty(), now);
    }

    /**
     * Pauses the task: nothing fires on its schedule until it is resumed. A claim not yet due is
     * handed back (its occurrence stays the next run time on the grid); a claim already due may be
     * in flight, so it stays, and its outcome is recorded as any other.
     */
    public Result<Task> pause(Instant now) {
        if (status == TaskStatus.PAUSED || status.isFinal()) {
            return Result.rejected(Rejection.conflict("task is " + status.wire() + " and cannot be paused"));
        }
        Optional<PendingFire> notDue = pendingFire.filter(fire -> fire.scheduledTime().isAfter(now));
        Optional<Instant> next = notDue.map(PendingFire::scheduledTime).or(() -> nextRunTime);
        return Result.ok(with(TaskStatus.PAUSED, next, notDue.isPresent() ? Optional.empty() : pendingFire, now));
    }

    /**
     * Resumes a paused task: the next fire is the first occurrence on its own grid after
     * {@code now}; the occurrences that passed while it was paused are not replayed. A task whose
     * schedule has no such occurrence left completes.
     */
    public Result<Task> resume(Instant now) {
        if (status != TaskStatus.PAUSED) {
            return Result.rejected(Rejection.conflict("task is " + status.wire() + ", not paused, and cannot be resumed"));
        }
        TaskStatus active = executionCount == 0 ? TaskStatus.PENDING : TaskStatus.RUNNING;
        Instant at = millis(now);
        Optional<Instant> next = nextRunTime.filter(run -> run.isBefore(at)).isPresent()
                ? schedule.nextFireAfter(nextRunTime.get(), at) : nextRunTime;
        if (next.isEmpty() && pendingFire.isEmpty()) {
            return with(active, next, pendingFire, now).moveTo(TaskStatus.COMPLETED, Optional.empty(), now);
        }
        return Result.ok(with(active, next, pendingFire, now));
    }

    /**
     * Claims one extra fire now under {@code executionId} (the user's "run now"): the next run time
     * does not move. Refused on an ended task and while a fire of the task is due or in flight; a
     * claim not yet due is handed back first, so its occurrence stays the next one.
     */
    public Result<Task> claimRun(String executionId, Instant leaseUntil, Instant now) {
        if (status.isFinal()) {
            return Result.rejected(Rejection.conflict("task is " + status.wire() + " and cannot run"));
        }
        if (pendingFire.filter(fire -> !fire.scheduledTime().isAfter(now)).isPresent()) {
            return Result.rejected(Rejection.conflict("a fire of the task is in flight"));
        }
        Optional<Instant> next = pendingFire.map(PendingFire::scheduledTime).or(() -> nextRunTime);
        return Result.ok(with(status, next, Optional.of(new PendingFire(executionId, millis(now), millis(leaseUntil))), now));
    }

    /** Where the task's fire stands (see {@link FireState}). */
    public FireState fireState() {
        return FireState.of(this);
    }

    /**
     * The next fire that will really happen, as of {@code now}: a claimed fire not yet due, else the
     * next run time of a task that fires on its schedule; none while paused or ended.
     */
    public Optional<Instant> upcomingFire(Instant now) {
        return upcomingFire(pendingFire.map(PendingFire::scheduledTime), status, nextRunTime, now);
    }

    /**
     * {@link #upcomingFire(Instant)} from the parts it reads: the scheduled time of the claimed fire,
     * if any, the status and the next run time (for read models that do not hold a whole task).
     */
    public static Optional<Instant> upcomingFire(Optional<Instant> claimedFire, TaskStatus status, Optional<Instant> nextRunTime,
                                                 Instant now) {
        Optional<Instant> claimed = claimedFire.filter(at -> at.isAfter(now));
        return claimed.isPresent() || !status.firesOnSchedule() ? claimed : nextRunTime;
    }

    /**
     * Applies a user's modification. Refused once the task has ended. With the same schedule, the
     * claimed fire stays claimed (it is sent with the new settings if it has not gone yet, and keeps
     * its execution id); a new schedule drops the claim and restarts from {@code now}.
     */
    public Result<Task> modify(Callback newCallback, Schedule newSchedule, StopCondition newStop, Instant now) {
        if (status.isFinal()) {
            return Result.rejected(Rejection.conflict("task is " + status.wire() + " and can no longer be changed"));
        }
        if (newSchedule.equals(schedule)) {
            return Result.ok(new Task(id, userId, schedule, newCallback, newStop, status, executionCount,
                    consecutiveFailures, nextRunTime, createdAt, millis(now), version, pendingFire, tags, failureCallback));
        }
        Instant first = newSchedule.firstFire(millis(now)).orElseThrow(() -> neverFires(newSchedule));
        return Result.ok(new Task(id, userId, newSchedule, newCallback, newStop, status, executionCount,
                consecutiveFailures, Optional.of(first), createdAt, millis(now), version, Optional.empty(), tags, failureCallback));
    }

    /**
     * Claims the next occurrence for firing under {@code executionId}, treating any lateness as a
     * misfire; see {@link #claimNextFire(String, Instant, Instant, MisfireRule)}.
     */
    public Result<Task> claimNextFire(String executionId, Instant leaseUntil, Instant now) {
        return claimNextFire(executionId, leaseUntil, now, MisfireRule.ANY_LATENESS);
    }

    /**
     * Claims the next occurrence for firing under {@code executionId}: it becomes the pending fire,
     * leased until {@code leaseUntil}, and the next run time moves on to the following occurrence
     * (none for a once task). Only one fire is pending at a time, so fires of a task never overlap.
     * If the occurrence is a misfire by {@code misfires} (no instance ran the task meanwhile), it
     * fires once and the following occurrence is the first after {@code now}; if it is merely late,
     * the following occurrence keeps its time on the grid.
     */
    public Result<Task> claimNextFire(String executionId, Instant leaseUntil, Instant now, MisfireRule misfires) {
        return FireTransitions.claimNextFire(this, executionId, leaseUntil, now, misfires);
    }

    /** Takes over a pending fire whose lease ran out: same execution id, a new lease. */
    public Result<Task> renewLease(Instant leaseUntil, Instant now) {
        return FireTransitions.renewLease(this, leaseUntil, now);
    }

    /** Hands a pending fire back unfired (on shutdown): its occurrence becomes the next run time again. */
    public Result<Task> releaseFire(Instant now) {
        return FireTransitions.releaseFire(this, now);
    }

    /**
     * Counts the finished execution {@code executionId} and applies the stop policies: a met policy
     * completes the task; a once task completes on success and fails otherwise; a recurring task fails
     * after {@code maxConsecutiveFailures} failures in a row; one without further occurrences
     * completes. A pending task becomes running.
     */
    public Result<Task> recordExecution(String executionId, boolean succeeded, StopPolicy.ExecutionFacts facts,
                                        int maxConsecutiveFailures, Instant now) {
        return FireTransitions.recordExecution(this, executionId, succeeded, facts, maxConsecutiveFailures, now);
    }

    /**
     * After a misfire — a fire that went out long after its time, because no instance ran the task
     * meanwhile — the occurrences that passed are not replayed: the next fire becomes the first
     * occurrence after {@code now}. A task with no such occurrence completes.
     */
    public Result<Task> resumeAfter(Instant now) {
        return FireTransitions.resumeAfter(this, now);
    }

    /** True when the task has ended. */
    public boolean isFinal() {
        return status.isFinal();
    }

    /** The same task as stored at {@code newVersion} (what the store hands back after a write). */
    public Task withVersion(long newVersion) {
        return new Task(id, userId, schedule, callback, stopCondition, status, executionCount, consecutiveFailures,
                nextRunTime, createdAt, updatedAt, newVersion, pendingFire, tags, failureCallback);
    }

    /** The task moved to {@code next} as of {@code now}, if its status may move there; a final task keeps no run time or fire. */
    Result<Task> moveTo(TaskStatus next, Optional<Instant> nextRun, Instant now) {
        if (!status.canMoveTo(next)) {
            return Result.rejected(Rejection.conflict("task is " + status.wire() + " and cannot become " + next.wire()));
        }
        return next.isFinal() ? Result.ok(with(next, Optional.empty(), Optional.empty(), now))
                : Result.ok(with(next, nextRun, pendingFire, now));
    }

    /** The same task with a new status, next run time and pending fire, as of {@code now}. */
    Task with(TaskStatus newStatus, Optional<Instant> nextRun, Optional<PendingFire> fire, Instant now) {
        return new Task(id, userId, schedule, callback, stopCondition, newStatus, executionCount, consecutiveFailures,
                nextRun, createdAt, millis(now), version, fire, tags, failureCallback);
    }

    private static InvalidArgument neverFires(Schedule schedule) {
        String field = switch (schedule.type()) {
            case CRON -> "cron_expression";
            case INTERVAL, ONCE -> "start_time";
        };
        return new InvalidArgument(field, field + " leads to no future fire time");
    }

    /** {@code t} to the millisecond, as tasks hold times. */
    static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
