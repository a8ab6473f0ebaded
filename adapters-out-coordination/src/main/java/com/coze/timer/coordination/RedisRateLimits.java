package com.coze.timer.coordination;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cluster-wide rate limits per downstream host: token buckets kept in Redis (bucket4j,
 * compare-and-swap), so every instance draws from the same bucket. A bucket holds one second of
 * its rate (the burst) and refills greedily; its key, {@code <prefix>:rate:<host>:<rate>}, includes
 * the rate, so instances configured alike share it and a changed rate starts a fresh bucket. A
 * bucket's key expires 10 s after it would be full again, so idle hosts leave nothing behind.
 *
 * <p>A bucket does not ask Redis for every token: each instance takes tokens from its own copy of
 * the shared bucket and writes what it took back (and reads what the others took) once it has
 * taken {@link #UNSYNCED_SHARE} of a second's rate, or {@link #SYNC_AT_LEAST_EVERY} after its last
 * exchange (bucket4j's delaying optimization). A fire to a host far from its limit therefore costs
 * no round trip, and the cluster can overshoot the limit by at most that share per instance: 1 %
 * of a second's rate each, so with a handful of instances well within 5 %. A rate too low for a
 * share of two tokens talks to Redis on every consume, concurrent consumes of this JVM batched
 * into one compare-and-swap (bucket4j's batching optimization). When Redis is down a consume that
 * must reach it throws (Jedis' {@code JedisConnectionException}), and the caller should then fall
 * back to a local bucket.
 */
public final class RedisRateLimits {

    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);
    /** The part of a second's rate an instance may take before telling Redis. */
    static final double UNSYNCED_SHARE = 0.01;
    static final Duration SYNC_AT_LEAST_EVERY = Duration.ofMillis(100);

    private final ProxyManager<String> proxyManager;
    private final String prefix;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RedisRateLimits(RedisPool redis, String keyPrefix) {
        this.prefix = keyPrefix;
        this.proxyManager = Bucket4jJedis.casBasedBuilder(redis.client())
                .keyMapper(Mapper.STRING)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .build();
    }

    /**
     * The shared bucket of {@code host} at {@code ratePerSecond}, configured as {@code configuration}
     * (every instance must pass the same): the rate is part of the key, so a changed rate starts a
     * fresh bucket.
     */
    public Bucket bucketFor(String host, double ratePerSecond, BucketConfiguration configuration) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be positive and finite: " + ratePerSecond);
        }
        String key = prefix + ":rate:" + host + ":" + ratePerSecond;
        return buckets.computeIfAbsent(key, k -> proxyManager.builder().withOptimization(optimizationFor(ratePerSecond))
                .build(k, () -> configuration));
    }

    private static Optimization optimizationFor(double ratePerSecond) {
        long unsynced = (long) Math.floor(ratePerSecond * UNSYNCED_SHARE);
        return unsynced < 2 ? Optimizations.batching()
                : Optimizations.delaying(new DelayParameters(unsynced, SYNC_AT_LEAST_EVERY));
    }

    /** The bucket4j proxy manager behind {@link #bucketFor}, for other kinds of limits. */
    public ProxyManager<String> proxyManager() {
        return proxyManager;
    }
}
