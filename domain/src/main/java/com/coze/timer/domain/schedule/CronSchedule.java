package com.coze.timer.domain.schedule;

import com.coze.timer.domain.InvalidArgument;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cron expression read as wall time in an IANA time zone: the Unix form (5 fields, minute first,
 * e.g. {@code 0 12 * * *}) or Quartz's (6 or 7 fields, seconds first, e.g. {@code 0 0 12 * * ?}),
 * told apart by their number of fields, each as cron-utils defines it.
 *
 * <p>Matching is done on local date-times (cron-utils evaluated in a zone without transitions), and
 * each local match is then placed on the time line. This gives the daylight-saving rules: every
 * wall-clock match fires once. A match inside a spring-forward gap fires once, shifted forward by
 * the length of the gap; a match inside a fall-back overlap fires once, at its earlier offset (or at
 * the later one when the earlier has already passed).
 */
public record CronSchedule(String expression, ZoneId zone, Optional<Instant> startTime) implements Schedule {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final int UNIX_FIELDS = 5;
    static final String FORMS = "a Unix cron expression (5 fields: minute hour day-of-month month day-of-week, e.g. 0 12 * * *)"
            + " or a Quartz one (6 or 7 fields, seconds first, e.g. 0 0 12 * * ?)";
    /** A match is looked for at most this many times before the expression is deemed to never fire. */
    private static final int MAX_CANDIDATES = 100_000;
    /** Parsed expressions, shared by all tasks: parsing is far costlier than matching. */
    private static final Map<String, ExecutionTime> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 10_000;

    public CronSchedule {
        InvalidArgument.require(expression != null && !expression.isBlank(), "cron_expression",
                "cron_expression is required for a cron task");
        zone = zone == null ? ZoneOffset.UTC : zone;
        startTime = startTime == null ? Optional.empty() : startTime;
        executionTime(expression); // validates
    }

    /** Parses an IANA zone id; an unknown one is an {@link InvalidArgument} on {@code time_zone}. */
    public static ZoneId zoneOf(String id) {
        if (id == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw new InvalidArgument("time_zone", "time_zone '" + id + "' is not a known IANA time zone");
        }
    }

    @Override
    public ScheduleType type() {
        return ScheduleType.CRON;
    }

    @Override
    public Optional<Instant> firstFire(Instant now) {
        Instant notBefore = startTime.map(start -> Schedule.latest(start, now)).orElse(now);
        return nextMatchAfter(notBefore.minusMillis(1));
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant scheduled, Instant now) {
        return nextMatchAfter(Schedule.latest(scheduled, now));
    }

    private Optional<Instant> nextMatchAfter(Instant after) {
        ExecutionTime executionTime = executionTime(expression);
        LocalDateTime cursor = cursorFor(after);
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Optional<ZonedDateTime> match = executionTime.nextExecution(cursor.atZone(ZoneOffset.UTC));
            if (match.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime local = match.get().toLocalDateTime();
            Optional<Instant> placed = place(local, after);
            if (placed.isPresent()) {
                return placed;
            }
            cursor = local;
        }
        return Optional.empty();
    }

    /**
     * The wall time from which to look for matches after {@code after}: its local time, except just
     * after a spring-forward gap, where a match inside the gap is placed up to the gap's length later
     * than its wall time. There the cursor goes back to the point of the gap that maps to
     * {@code after}, so that such a match (a daily 02:30 shifted to 03:30) is not skipped when
     * {@code after} falls between the gap's end and the shifted fire.
     */
    private LocalDateTime cursorFor(Instant after) {
        ZoneOffsetTransition previous = zone.getRules().previousTransition(after.plusNanos(1));
        if (previous != null && previous.isGap() && after.isBefore(previous.getInstant().plus(previous.getDuration()))) {
            return previous.getDateTimeBefore().plus(Duration.between(previous.getInstant(), after));
        }
        return LocalDateTime.ofInstant(after, zone);
    }

    /** The instant of a local match that lies after {@code after}, trying the earlier offset first. */
    private Optional<Instant> place(LocalDateTime local, Instant after) {
        ZonedDateTime earlier = ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap();
        if (earlier.toInstant().isAfter(after)) {
            return Optional.of(earlier.toInstant());
        }
        Instant later = earlier.withLaterOffsetAtOverlap().toInstant();
        return later.isAfter(after) ? Optional.of(later) : Optional.empty();
    }

    private static ExecutionTime executionTime(String expression) {
        ExecutionTime known = PARSED.get(expression);
        if (known != null) {
            return known;
        }
        if (PARSED.size() >= MAX_PARSED) {
            PARSED.clear();
        }
        ExecutionTime parsed = parse(expression);
        PARSED.put(expression, parsed);
        return parsed;
    }

    private static ExecutionTime parse(String expression) {
        String trimmed = expression.trim();
        CronParser parser = trimmed.split("\\s+").length == UNIX_FIELDS ? UNIX : QUARTZ;
        try {
            Cron cron = parser.parse(trimmed);
            return ExecutionTime.forCron(cron.validate());
        } catch (RuntimeException e) {
            throw new InvalidArgument("cron_expression",
                    "cron_expression '" + expression + "' is not " + FORMS + ": " + e.getMessage());
        }
    }
}
