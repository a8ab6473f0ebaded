package com.coze.timer.http;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One token bucket per downstream host, made when the host is first called. A bucket holds one
 * second of its rate (the burst) and refills greedily, token by token. An attempt that finds the
 * bucket empty waits for its token instead of being dropped; the wait is a future completed by
 * the scheduler, so no thread blocks on it. Buckets are kept for the life of the sender: hosts
 * are few next to fires.
 */
final class HostRateLimits {

    private final HttpCallbackConfig config;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    HostRateLimits(HttpCallbackConfig config, ScheduledExecutorService scheduler) {
        this.config = config;
        this.scheduler = scheduler;
    }

    /** Completes when {@code host} may take one more request. */
    CompletableFuture<Void> acquire(String host) {
        return buckets.computeIfAbsent(host, this::newBucket).asScheduler().consume(1, scheduler);
    }

    private Bucket newBucket(String host) {
        double ratePerSecond = config.ratePerSecond(host);
        // A fractional rate such as 0.5/s becomes one token every two seconds.
        long burst = Math.max(1, (long) Math.ceil(ratePerSecond));
        Duration refillPeriod = Duration.ofNanos(Math.round(burst / ratePerSecond * 1_000_000_000L));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, refillPeriod))
                .withNanosecondPrecision()
                .build();
    }
}
