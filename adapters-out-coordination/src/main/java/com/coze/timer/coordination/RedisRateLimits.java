package com.coze.timer.coordination;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
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
 * <p>The buckets talk to Redis on every consume: when Redis is down they throw (Jedis'
 * {@code JedisConnectionException}), and the caller should then fall back to a local bucket.
 * Concurrent consumes of one bucket in this JVM are batched into one compare-and-swap (bucket4j's
 * batching optimization): one key taking every fire of a busy host would otherwise see its swaps
 * fail and retry more the more threads ask at once.
 */
public final class RedisRateLimits {

    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

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
        return buckets.computeIfAbsent(key, k -> proxyManager.builder().withOptimization(Optimizations.batching())
                .build(k, () -> configuration));
    }

    /** The bucket4j proxy manager behind {@link #bucketFor}, for other kinds of limits. */
    public ProxyManager<String> proxyManager() {
        return proxyManager;
    }
}
