package com.coze.timer.rest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the API writes them: ISO-8601 in UTC with a {@code Z}, to the millisecond, and
 * without a fraction when there are no milliseconds ({@code 2026-04-22T10:00:20Z},
 * {@code 2026-04-22T10:00:20.123Z}).
 */
final class Times {

    private Times() {
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
