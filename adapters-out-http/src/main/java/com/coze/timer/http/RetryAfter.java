package com.coze.timer.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the {@code Retry-After} header (RFC 9110 §10.2.3): either a number of seconds or an
 * HTTP-date. A date in the past means "now"; anything unreadable is ignored, so the sender falls
 * back to its own backoff.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the server asks for, as of {@code now}. */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return seconds(value);
        }
        try {
            Instant at = DateTimeFormatter.RFC_1123_DATE_TIME.parse(value, Instant::from);
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String digits) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(digits)));
        } catch (NumberFormatException e) {
            return Optional.of(Duration.ofSeconds(Long.MAX_VALUE)); // absurdly long: the cap applies
        }
    }
}
