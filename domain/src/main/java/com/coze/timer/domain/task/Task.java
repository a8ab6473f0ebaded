package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.stop.StopPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A scheduled HTTP callback and where it stands in its lifecycle. Immutable: every change returns a
 * new task, which the store writes only if the stored {@code version} is still the one it was read
 * at (optimistic locking). Every move between states goes through {@link TaskStatus#canMoveTo}.
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
        long version) {

    public Task {
        nextRunTime = nextRunTime.map(Task::millis);
        if (status.isFinal() && nextRunTime.isPresent()) {
            throw new IllegalArgumentException("a " + status.wire() + " task has no next run time");
        }
    }

    /** A new, pending task whose first fire is computed from {@code now}. */
    public static Task create(TaskId id, long userId, Schedule schedule, Callback callback, StopCondition stop, Instant now) {
        Instant at = millis(now);
        Instant first = schedule.firstFire(at).orElseThrow(() -> neverFires(schedule));
        return new Task(id, userId, schedule, callback, stop, TaskStatus.PENDING, 0, 0, Optional.of(first), at, at, 0);
    }

    /** Stops the task for good (the user's cancel). */
    public Result<Task> cancel(Instant now) {
        return moveTo(TaskStatus.STOPPED, Optional.empty(), now);
    }

    /**
     * Applies a user's modification; a new schedule restarts from {@code now}. Refused once the task
     * has ended.
     */
    public Result<Task> modify(Callback newCallback, Schedule newSchedule, StopCondition newStop, Instant now) {
        if (status.isFinal()) {
            return Result.rejected(Rejection.conflict("task is " + status.wire() + " and can no longer be changed"));
        }
        Optional<Instant> next = newSchedule.equals(schedule)
                ? nextRunTime
                : Optional.of(newSchedule.firstFire(millis(now)).orElseThrow(() -> neverFires(newSchedule)));
        return Result.ok(new Task(id, userId, newSchedule, newCallback, newStop, status, executionCount,
                consecutiveFailures, next, createdAt, millis(now), version));
    }

    /**
     * Claims the occurrence scheduled at {@code scheduled}, handled at {@code now}: the task is
     * running and its next fire is already the following occurrence (none for a once task).
     */
    public Result<Task> fire(Instant scheduled, Instant now) {
        return moveTo(TaskStatus.RUNNING, schedule.nextFireAfter(scheduled, now), now);
    }

    /**
     * Counts a finished execution and applies the stop policies: a met policy completes the task; a
     * once task completes on success and fails otherwise; a recurring task fails after
     * {@code maxConsecutiveFailures} failures in a row; one without further occurrences completes.
     */
    public Result<Task> recordExecution(boolean succeeded, StopPolicy.ExecutionFacts facts, int maxConsecutiveFailures, Instant now) {
        if (status.isFinal()) {
            return Result.rejected(Rejection.conflict("task is already " + status.wire()));
        }
        long count = executionCount + 1;
        int failures = succeeded ? 0 : consecutiveFailures + 1;
        Task counted = new Task(id, userId, schedule, callback, stopCondition, status, count, failures,
                nextRunTime, createdAt, millis(now), version);
        StopPolicy.ExecutionFacts countedFacts = new StopPolicy.ExecutionFacts(count, facts.gotResponse(), facts.response());
        TaskStatus verdict = counted.verdict(succeeded, countedFacts, maxConsecutiveFailures);
        return verdict == status ? Result.ok(counted) : counted.moveTo(verdict, Optional.empty(), now);
    }

    private TaskStatus verdict(boolean succeeded, StopPolicy.ExecutionFacts facts, int maxConsecutiveFailures) {
        if (stopCondition.isMetBy(facts)) {
            return TaskStatus.COMPLETED;
        }
        if (schedule.type() == com.coze.timer.domain.schedule.ScheduleType.ONCE) {
            return succeeded ? TaskStatus.COMPLETED : TaskStatus.FAILED;
        }
        if (consecutiveFailures >= maxConsecutiveFailures) {
            return TaskStatus.FAILED;
        }
        return nextRunTime.isEmpty() ? TaskStatus.COMPLETED : status;
    }

    /** True when the task has ended. */
    public boolean isFinal() {
        return status.isFinal();
    }

    /** The same task as stored at {@code newVersion} (what the store hands back after a write). */
    public Task withVersion(long newVersion) {
        return new Task(id, userId, schedule, callback, stopCondition, status, executionCount, consecutiveFailures,
                nextRunTime, createdAt, updatedAt, newVersion);
    }

    private Result<Task> moveTo(TaskStatus next, Optional<Instant> nextRun, Instant now) {
        if (!status.canMoveTo(next)) {
            return Result.rejected(Rejection.conflict("task is " + status.wire() + " and cannot become " + next.wire()));
        }
        Optional<Instant> run = next.isFinal() ? Optional.empty() : nextRun;
        return Result.ok(new Task(id, userId, schedule, callback, stopCondition, next, executionCount,
                consecutiveFailures, run, createdAt, millis(now), version));
    }

    private static InvalidArgument neverFires(Schedule schedule) {
        String field = switch (schedule.type()) {
            case CRON -> "cron_expression";
            case INTERVAL, ONCE -> "start_time";
        };
        return new InvalidArgument(field, field + " leads to no future fire time");
    }

    private static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
