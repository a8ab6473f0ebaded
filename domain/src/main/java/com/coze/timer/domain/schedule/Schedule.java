package com.coze.timer.domain.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * When a task fires. Implementations are immutable and compute fire times from instants passed in:
 * they never read a clock.
 *
 * <p>Misfire rule shared by all schedules: the fire after an occurrence scheduled at {@code s} and
 * handled at {@code now} is the first occurrence strictly after {@code max(s, now)}. A task that was
 * overdue therefore fires once, late, and then resumes its rhythm instead of replaying every
 * occurrence it missed.
 */
public sealed interface Schedule permits IntervalSchedule, OnceSchedule, CronSchedule {

    /** The schedule's kind, as the API spells it. */
    ScheduleType type();

    /** The user's {@code start_time}: for once the fire time, otherwise "not before"; empty if none. */
    Optional<Instant> startTime();

    /** The first fire of a task created (or rescheduled) at {@code now}; empty if it never fires. */
    Optional<Instant> firstFire(Instant now);

    /**
     * The fire after the occurrence scheduled at {@code scheduled}, handled at {@code now}; empty
     * when the schedule has no more occurrences.
     */
    Optional<Instant> nextFireAfter(Instant scheduled, Instant now);

    /** The later of two instants. */
    static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
