package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;
import java.time.Duration;
import java.util.Optional;

/**
 * How hard a task's fire tries: retries after the first attempt, the exponential backoff between
 * them (from {@code backoffMs}, doubling, capped at {@code maxBackoffMs}) and the time one whole
 * attempt may take ({@code timeoutMs}, zero for none). A task holds the values in force when it was
 * created or last changed: what the user chose, the service's settings for the rest. (Tasks stored
 * before tasks had their own settings hold none and follow the service's.)
 */
public record Delivery(int maxRetries, long backoffMs, long maxBackoffMs, long timeoutMs) {

    public static final String MAX_RETRIES = "retry.max_retries";
    public static final String BACKOFF_MS = "retry.backoff_ms";
    public static final String MAX_BACKOFF_MS = "retry.max_backoff_ms";
    public static final String TIMEOUT_MS = "timeout_ms";
    public static final int MAX_RETRIES_LIMIT = 10;
    public static final long MIN_BACKOFF_MS = 100;
    public static final long MIN_TIMEOUT_MS = 1_000;
    public static final long MAX_TIMEOUT_MS = 900_000;
    /** The product contract's settings: 3 retries from 1 s up to 30 s, 30 s per attempt. */
    public static final Delivery CONTRACT = new Delivery(3, 1_000, 30_000, 30_000);

    public Delivery {
        if (maxRetries < 0 || backoffMs < 0 || maxBackoffMs < 0 || timeoutMs < 0) {
            throw new IllegalArgumentException("delivery settings must not be negative");
        }
    }

    /**
     * The longest one sending with these settings can take when every attempt runs to its timeout
     * (a whole attempt without one counted at {@link #MAX_TIMEOUT_MS}) and every wait is at its cap.
     */
    public Duration longestSend() {
        long attemptMs = timeoutMs == 0 ? MAX_TIMEOUT_MS : timeoutMs;
        return Duration.ofMillis(attemptMs * (maxRetries + 1L) + Math.max(backoffMs, maxBackoffMs) * maxRetries);
    }

    /**
     * The user's choices of a create or modify request; an empty field keeps the value it is
     * applied to. Each given value is checked against the API's ranges.
     */
    public record Choice(Optional<Long> maxRetries, Optional<Long> backoffMs, Optional<Long> maxBackoffMs,
                         Optional<Long> timeoutMs) {

        public static final Choice NONE = new Choice(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Choice {
            maxRetries.ifPresent(n -> InvalidArgument.require(n >= 0 && n <= MAX_RETRIES_LIMIT, MAX_RETRIES,
                    MAX_RETRIES + " must be between 0 and " + MAX_RETRIES_LIMIT + ", not " + n));
            backoffMs.ifPresent(ms -> InvalidArgument.require(ms >= MIN_BACKOFF_MS, BACKOFF_MS,
                    BACKOFF_MS + " must be at least " + MIN_BACKOFF_MS + ", not " + ms));
            maxBackoffMs.ifPresent(ms -> InvalidArgument.require(ms >= MIN_BACKOFF_MS, MAX_BACKOFF_MS,
                    MAX_BACKOFF_MS + " must be at least " + MIN_BACKOFF_MS + ", not " + ms));
            timeoutMs.ifPresent(ms -> InvalidArgument.require(ms >= MIN_TIMEOUT_MS && ms <= MAX_TIMEOUT_MS, TIMEOUT_MS,
                    TIMEOUT_MS + " must be between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS + ", not " + ms));
        }

        public boolean isEmpty() {
            return equals(NONE);
        }

        /**
         * {@code base} with these choices in place of its values. Refused when the backoff the user
         * touched ends up above its cap.
         */
        public Delivery applyTo(Delivery base) {
            Delivery chosen = new Delivery(maxRetries.map(Long::intValue).orElse(base.maxRetries()), backoffMs.orElse(base.backoffMs()),
                    maxBackoffMs.orElse(base.maxBackoffMs()), timeoutMs.orElse(base.timeoutMs()));
            boolean touchesBackoff = backoffMs.isPresent() || maxBackoffMs.isPresent();
            InvalidArgument.require(!touchesBackoff || chosen.maxBackoffMs() >= chosen.backoffMs(), MAX_BACKOFF_MS,
                    MAX_BACKOFF_MS + " (" + chosen.maxBackoffMs() + ") must be at least " + BACKOFF_MS + " ("
                            + chosen.backoffMs() + ")");
            return chosen;
        }
    }
}
