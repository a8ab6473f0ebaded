package com.coze.timer.domain.task;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a task's fire stands — the one lifecycle of a fire. Storage holds four of the five cases
 * ({@link #of}); only the engine that sent a call knows it is {@link InFlight}.
 *
 * <pre>
 * Idle ──claim──► Claimed ──sent──► InFlight ──outcome──► Idle | Claimed (the next) | Ended
 *  ▲  │              │
 *  │  │              └──withdrawn (not sent: handed back)──► Idle
 *  │  └──pause──► Paused ──resume──► Idle
 *  any ──cancel, complete, fail──► Ended
 * </pre>
 *
 * One rule decides what goes out: {@link #mayFireAt}. One rule decides what is claimed:
 * {@link #isClaimableBy}. The storage predicates of the persistence adapter are these two rules
 * written in SQL (a claim: {@code fire_execution_id} set; claimable: no claim, a next run time, a
 * status that {@link TaskStatus#firesOnSchedule()}).
 */
public sealed interface FireState {

    /** No fire claimed; the next occurrence, if the schedule has one, waits to be claimed. */
    record Idle(Optional<Instant> nextRun) implements FireState {
    }

    /** An occurrence (or a run asked for) claimed for firing, not sent by this engine yet. */
    record Claimed(PendingFire fire) implements FireState {
    }

    /** A claimed fire whose call is under way. */
    record InFlight(PendingFire fire) implements FireState {
    }

    /** Paused by its user, no fire claimed: nothing goes out until it is resumed. */
    record Paused(Optional<Instant> nextRunOnItsGrid) implements FireState {
    }

    /** Completed, failed or stopped: nothing more ever goes out. */
    record Ended(TaskStatus status) implements FireState {
    }

    /** The state that a stored task is in. */
    static FireState of(Task task) {
        if (task.isFinal()) {
            return new Ended(task.status());
        }
        if (task.pendingFire().isPresent()) {
            return new Claimed(task.pendingFire().get());
        }
        return task.status().firesOnSchedule() ? new Idle(task.nextRunTime()) : new Paused(task.nextRunTime());
    }

    /** The one rule for what goes out: a claimed fire whose time has come. */
    default boolean mayFireAt(Instant now) {
        return this instanceof Claimed claimed && !claimed.fire().scheduledTime().isAfter(now);
    }

    /** Whether a claim may be taken for an occurrence due at or before {@code dueBefore}. */
    default boolean isClaimableBy(Instant dueBefore) {
        return this instanceof Idle idle && idle.nextRun().map(at -> !at.isAfter(dueBefore)).orElse(false);
    }

    /** Whether it has an occurrence that a claim may be taken for, whenever it is due. */
    default boolean isUpcoming() {
        return isClaimableBy(Instant.MAX);
    }

    /** Claimed → InFlight: the call went out. */
    default FireState sent() {
        if (this instanceof Claimed claimed) {
            return new InFlight(claimed.fire());
        }
        throw new IllegalStateException("only a claimed fire is sent, not " + this);
    }

    /** Whether nothing of it is left to send or wait for (ended, or handed back as idle). */
    default boolean isDone() {
        return this instanceof Ended || this instanceof Idle;
    }
}
