package com.coze.timer.http;

import com.coze.timer.domain.task.Delivery;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When another attempt is made and how long it waits, as resilience4j {@link Retry}s: one for the
 * sender's own settings, shared by all fires that bring none, and one per distinct {@link Delivery}
 * that fires bring (each execution gets its own context from it).
 *
 * <p>Retried: transport failures (connection refused or reset, timeouts, unknown host) and the
 * responses {@link Attempt#retryable()} names. Never retried: a refused target, an aborted fire, or
 * any other status. The wait grows exponentially from the initial backoff by
 * {@code backoffMultiplier} up to the maximum backoff; when the last response carried
 * {@code Retry-After}, that wait (up to {@code maxRetryAfter}) is used instead, since the server
 * knows better than our schedule when it can take the request again.
 *
 * <p>Thread-safe: the per-delivery retries are kept in a concurrent map, emptied when it grows past
 * {@value #MAX_KEPT} (fires in flight keep the ones they hold).
 */
final class RetryPolicy {

    private static final int MAX_KEPT = 1024;

    private final HttpCallbackConfig config;
    private final Retry standard;
    private final Map<Delivery, Retry> byDelivery = new ConcurrentHashMap<>();

    RetryPolicy(HttpCallbackConfig config) {
        this.config = config;
        this.standard = create(config.maxRetries(), config.initialBackoff(), config.maxBackoff());
    }

    /** The retry of a fire with {@code delivery}, or of the sender's settings. */
    Retry retryFor(Optional<Delivery> delivery) {
        if (delivery.isEmpty()) {
            return standard;
        }
        if (byDelivery.size() > MAX_KEPT) {
            byDelivery.clear();
        }
        // the timeout is not part of the retry: fires differing only in it share one
        Delivery key = new Delivery(delivery.get().maxRetries(), delivery.get().backoffMs(), delivery.get().maxBackoffMs(), 0);
        return byDelivery.computeIfAbsent(key, d -> create(d.maxRetries(), Duration.ofMillis(d.backoffMs()),
                Duration.ofMillis(Math.max(d.backoffMs(), d.maxBackoffMs()))));
    }

    static boolean isRetryable(Throwable failure) {
        return failure instanceof IOException && ForbiddenTargetException.in(failure).isEmpty();
    }

    private Retry create(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        RetryConfig retryConfig = RetryConfig.<Attempt>custom()
                .maxAttempts(maxRetries + 1)
                .retryOnResult(Attempt::retryable)
                .retryOnException(RetryPolicy::isRetryable)
                .intervalBiFunction(waits(initialBackoff, maxBackoff))
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
        return Retry.of("callbacks", retryConfig);
    }

    private IntervalBiFunction<Attempt> waits(Duration initialBackoff, Duration maxBackoff) {
        IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(initialBackoff, config.backoffMultiplier(), maxBackoff);
        long maxRetryAfterMs = config.maxRetryAfter().toMillis();
        return (attempts, outcome) -> retryAfter(outcome)
                .map(asked -> Math.min(asked.toMillis(), maxRetryAfterMs))
                .orElseGet(() -> backoff.apply(attempts));
    }

    private static Optional<Duration> retryAfter(Either<Throwable, Attempt> outcome) {
        return outcome.isRight() ? outcome.get().retryAfter() : Optional.empty();
    }
}
