package com.coze.timer.http;

import io.github.bucket4j.Bucket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One token bucket per downstream host (see {@link RateBuckets}), made when the host is first
 * called. An attempt that finds the bucket empty waits for its token instead of being dropped; the
 * wait is a future completed by the scheduler, so no thread blocks on it. When a shared bucket
 * cannot be reached (its Redis is down), the host's local bucket limits this instance meanwhile:
 * flow control degrades to per instance, fires go on. A shared bucket is asked on
 * {@code sharedTakes}, never on the caller's thread: the engine sends from its timing-wheel thread,
 * which must not wait for a round trip to Redis (or its timeout). A wait is reported to the
 * {@link HttpCallbackObserver} once it ends.
 */
final class HostRateLimits {

    private static final Logger LOG = Logger.getLogger(HostRateLimits.class.getName());

    private final HttpCallbackConfig config;
    private final RateBuckets.Source source;
    private final ScheduledExecutorService scheduler;
    private final Executor sharedTakes;
    private final HttpCallbackObserver observer;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Bucket> localBuckets = new ConcurrentHashMap<>();

    HostRateLimits(HttpCallbackConfig config, RateBuckets.Source source, ScheduledExecutorService scheduler,
                   Executor sharedTakes, HttpCallbackObserver observer) {
        this.config = config;
        this.source = source;
        this.scheduler = scheduler;
        this.sharedTakes = sharedTakes;
        this.observer = observer;
    }

    /** Completes when {@code host} may take one more request. */
    CompletableFuture<Void> acquire(String host) {
        long askedNanos = System.nanoTime();
        CompletableFuture<Void> token = token(host);
        if (token.isDone()) {
            return token; // a token was there: no wait to report
        }
        return token.whenComplete((ok, failure) -> {
            if (failure == null) {
                report(host, (System.nanoTime() - askedNanos) / 1_000_000);
            }
        });
    }

    private void report(String host, long waitedMs) {
        try {
            observer.rateLimitWaited(host, waitedMs);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the rate-limit observer failed", e); // metrics must never hold up a fire
        }
    }

    private CompletableFuture<Void> token(String host) {
        if (source == RateBuckets.LOCAL) {
            return take(bucket(buckets, host, RateBuckets.LOCAL));
        }
        CompletableFuture<Void> shared;
        try {
            shared = CompletableFuture.supplyAsync(() -> take(bucket(buckets, host, source)), sharedTakes)
                    .thenCompose(token -> token);
        } catch (RuntimeException e) { // the executor refused: the sender is closing
            shared = CompletableFuture.failedFuture(e);
        }
        return shared.exceptionallyCompose(e -> {
            LOG.log(Level.FINE, "shared rate bucket of " + host + " unreachable; limiting locally", e);
            return take(bucket(localBuckets, host, RateBuckets.LOCAL));
        });
    }

    private CompletableFuture<Void> take(Bucket bucket) {
        return bucket.asScheduler().consume(1, scheduler);
    }

    private Bucket bucket(Map<String, Bucket> cache, String host, RateBuckets.Source from) {
        return cache.computeIfAbsent(host, h -> {
            double rate = config.ratePerSecond(h);
            return from.bucketFor(h, rate, RateBuckets.perSecond(rate));
        });
    }
}
