package com.coze.timer.domain.schedule;

import com.coze.timer.domain.InvalidArgument;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Every {@code interval}, at a fixed rate: occurrences lie on the grid {@code first + k * interval},
 * so the rhythm never drifts however late an execution runs. The first fire is {@code start_time}
 * when given (or now, if that has passed), else {@code now + interval}.
 */
public record IntervalSchedule(Duration interval, Optional<Instant> startTime) implements Schedule {

    /** The longest interval accepted: ten years, so that arithmetic on instants never overflows. */
    public static final long MAX_INTERVAL_SECONDS = 10L * 366 * 24 * 3600;

    public IntervalSchedule {
        InvalidArgument.require(interval != null, "interval_seconds", "interval_seconds is required for an interval task");
        InvalidArgument.require(interval.toSeconds() >= 1, "interval_seconds", "interval_seconds must be >= 1");
        InvalidArgument.require(interval.toSeconds() <= MAX_INTERVAL_SECONDS, "interval_seconds",
                "interval_seconds must be <= " + MAX_INTERVAL_SECONDS);
        startTime = startTime == null ? Optional.empty() : startTime;
    }

    @Override
    public ScheduleType type() {
        return ScheduleType.INTERVAL;
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        return Optional.of(startTime.map(start -> Schedule.latest(start, now)).orElse(now.plus(interval)));
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant scheduled, Instant now) {
        if (now.isBefore(scheduled)) {
            return Optional.of(scheduled.plus(interval));
        }
        long intervalMs = interval.toMillis();
        long periodsPassed = Duration.between(scheduled, now).toMillis() / intervalMs + 1;
        return Optional.of(scheduled.plusMillis(periodsPassed * intervalMs));
    }
}
