package com.coze.timer.domain.task;

import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.stop.StopPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * The engine's moves of a {@link Task} through its fires: a claim of the next occurrence, a lease
 * renewed or handed back, a finished execution counted against the stop policies, the skip after a
 * misfire. The user's moves (pause, resume, run now, cancel, modify) stay on {@link Task}; both
 * build the new task through {@link Task#with} and {@link Task#moveTo}, so the invariants hold
 * alike. Stateless.
 */
final class FireTransitions {

    private FireTransitions() {
    }

    /** See {@link Task#claimNextFire(String, Instant, Instant, MisfireRule)}. */
    static Result<Task> claimNextFire(Task task, String executionId, Instant leaseUntil, Instant now, MisfireRule misfires) {
        if (task.isFinal() || task.nextRunTime().isEmpty()) {
            return Result.rejected(Rejection.conflict("task is " + task.status().wire() + " and has nothing to fire"));
        }
        if (task.pendingFire().isPresent()) {
            return Result.rejected(Rejection.conflict("task already has a fire in flight"));
        }
        Instant scheduled = task.nextRunTime().get();
        Instant at = Task.millis(now);
        PendingFire fire = new PendingFire(executionId, scheduled, Task.millis(leaseUntil));
        Optional<Instant> following = task.schedule().nextFireAfter(scheduled, misfires.isMisfire(scheduled, at) ? at : scheduled);
        return Result.ok(task.with(task.status(), following, Optional.of(fire), now));
    }

    /** See {@link Task#renewLease}. */
    static Result<Task> renewLease(Task task, Instant leaseUntil, Instant now) {
        return task.pendingFire().<Result<Task>>map(fire -> Result.ok(task.with(task.status(), task.nextRunTime(),
                        Optional.of(new PendingFire(fire.executionId(), fire.scheduledTime(), Task.millis(leaseUntil))), now)))
                .orElseGet(FireTransitions::noFireInFlight);
    }

    /** See {@link Task#releaseFire}. */
    static Result<Task> releaseFire(Task task, Instant now) {
        return task.pendingFire().<Result<Task>>map(fire -> Result.ok(task.with(task.status(), Optional.of(fire.scheduledTime()),
                        Optional.empty(), now)))
                .orElseGet(FireTransitions::noFireInFlight);
    }

    /** See {@link Task#recordExecution}. */
    static Result<Task> recordExecution(Task task, String executionId, boolean succeeded, StopPolicy.ExecutionFacts facts,
                                        int maxConsecutiveFailures, Instant now) {
        if (task.isFinal()) {
            return Result.rejected(Rejection.conflict("task is already " + task.status().wire()));
        }
        long count = task.executionCount() + 1;
        int failures = succeeded ? 0 : task.consecutiveFailures() + 1;
        // The fire is done; a newer pending fire (claimed after a modification) stays.
        Optional<PendingFire> stillPending = task.pendingFire().filter(fire -> !fire.executionId().equals(executionId));
        TaskStatus current = task.status() == TaskStatus.PENDING ? TaskStatus.RUNNING : task.status();
        Task counted = new Task(task.id(), task.userId(), task.schedule(), task.callback(), task.stopCondition(), current, count,
                failures, task.nextRunTime(), task.createdAt(), Task.millis(now), task.version(), stillPending, task.tags(),
                task.failureCallback());
        StopPolicy.ExecutionFacts countedFacts = new StopPolicy.ExecutionFacts(count, facts.gotResponse(), facts.response());
        TaskStatus verdict = verdict(counted, succeeded, countedFacts, maxConsecutiveFailures);
        return verdict == current ? Result.ok(counted) : counted.moveTo(verdict, Optional.empty(), now);
    }

    /** See {@link Task#resumeAfter}. */
    static Result<Task> resumeAfter(Task task, Instant now) {
        Instant at = Task.millis(now);
        if (task.isFinal() || task.pendingFire().isPresent() || task.nextRunTime().map(run -> !run.isBefore(at)).orElse(true)) {
            return Result.ok(task);
        }
        Optional<Instant> next = task.schedule().nextFireAfter(task.nextRunTime().get(), at);
        if (next.isEmpty()) {
            return task.moveTo(TaskStatus.COMPLETED, Optional.empty(), now);
        }
        return Result.ok(task.with(task.status(), next, task.pendingFire(), now));
    }

    private static TaskStatus verdict(Task task, boolean succeeded, StopPolicy.ExecutionFacts facts, int maxConsecutiveFailures) {
        if (task.stopCondition().isMetBy(facts)) {
            return TaskStatus.COMPLETED;
        }
        if (task.schedule().type() == ScheduleType.ONCE) {
            return succeeded ? TaskStatus.COMPLETED : TaskStatus.FAILED;
        }
        if (task.consecutiveFailures() >= maxConsecutiveFailures) {
            return TaskStatus.FAILED;
        }
        return task.nextRunTime().isEmpty() && task.pendingFire().isEmpty() ? TaskStatus.COMPLETED : task.status();
    }

    private static Result<Task> noFireInFlight() {
        return Result.rejected(Rejection.conflict("task has no fire in flight"));
    }
}
