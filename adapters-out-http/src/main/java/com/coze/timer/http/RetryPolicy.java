package com.coze.timer.http;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * When another attempt is made and how long it waits, as one resilience4j {@link Retry} shared by
 * all fires (each execution gets its own context from it).
 *
 * <p>Retried: transport failures (connection refused or reset, timeouts, unknown host) and the
 * responses {@link Attempt#retryable()} names. Never retried: a refused target, an aborted fire, or
 * any other status. The wait grows exponentially from {@code initialBackoff} by
 * {@code backoffMultiplier} up to {@code maxBackoff}; when the last response carried
 * {@code Retry-After}, that wait (up to {@code maxRetryAfter}) is used instead, since the server
 * knows better than our schedule when it can take the request again.
 */
final class RetryPolicy {

    private RetryPolicy() {
    }

    static Retry create(HttpCallbackConfig config) {
        RetryConfig retryConfig = RetryConfig.<Attempt>custom()
                .maxAttempts(config.maxRetries() + 1)
                .retryOnResult(Attempt::retryable)
                .retryOnException(RetryPolicy::isRetryable)
                .intervalBiFunction(waits(config))
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
        return Retry.of("callbacks", retryConfig);
    }

    static boolean isRetryable(Throwable failure) {
        return failure instanceof IOException && ForbiddenTargetException.in(failure).isEmpty();
    }

    private static IntervalBiFunction<Attempt> waits(HttpCallbackConfig config) {
        IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(
                config.initialBackoff(), config.backoffMultiplier(), config.maxBackoff());
        long maxRetryAfterMs = config.maxRetryAfter().toMillis();
        return (attempts, outcome) -> retryAfter(outcome)
                .map(asked -> Math.min(asked.toMillis(), maxRetryAfterMs))
                .orElseGet(() -> backoff.apply(attempts));
    }

    private static Optional<Duration> retryAfter(Either<Throwable, Attempt> outcome) {
        return outcome.isRight() ? outcome.get().retryAfter() : Optional.empty();
    }
}
