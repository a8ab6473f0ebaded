package com.coze.timer.domain.schedule;

import com.coze.timer.domain.InvalidArgument;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds a {@link Schedule} from the API's loose fields, refusing fields that do not belong to the
 * chosen type (an interval task given a {@code cron_expression} is a mistake worth telling).
 */
public final class Schedules {

    private Schedules() {
    }

    public static Schedule of(ScheduleType type, Long intervalSeconds, String cronExpression, String timeZone, Instant startTime) {
        Optional<Instant> start = Optional.ofNullable(startTime);
        return switch (type) {
            case INTERVAL -> {
                refuse(cronExpression, "cron_expression", type);
                refuse(timeZone, "time_zone", type);
                InvalidArgument.require(intervalSeconds != null, "interval_seconds", "interval_seconds is required for an interval task");
                InvalidArgument.require(intervalSeconds >= 1, "interval_seconds", "interval_seconds must be >= 1");
                yield new IntervalSchedule(Duration.ofSeconds(intervalSeconds), start);
            }
            case ONCE -> {
                refuse(intervalSeconds, "interval_seconds", type);
                refuse(cronExpression, "cron_expression", type);
                refuse(timeZone, "time_zone", type);
                yield new OnceSchedule(start);
            }
            case CRON -> {
                refuse(intervalSeconds, "interval_seconds", type);
                yield new CronSchedule(cronExpression, CronSchedule.zoneOf(timeZone), start);
            }
        };
    }

    private static void refuse(Object value, String field, ScheduleType type) {
        InvalidArgument.require(value == null, field, field + " does not apply to a " + type.wire() + " task");
    }
}
