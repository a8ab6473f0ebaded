package com.coze.timer.domain.schedule;

import java.time.Instant;
import java.util.Optional;

/** A single fire at {@code start_time}, or at once when that is absent or already past. */
public record OnceSchedule(Optional<Instant> startTime) implements Schedule {

    public OnceSchedule {
        startTime = startTime == null ? Optional.empty() : startTime;
    }

    @Override
    public ScheduleType type() {
        return ScheduleType.ONCE;
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        return Optional.of(startTime.map(at -> Schedule.latest(at, now)).orElse(now));
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant scheduled, Instant now) {
        return Optional.empty();
    }
}
