package com.coze.timer.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * The token bucket of one downstream host: it holds one second of its rate (the burst) and
 * refills greedily, token by token. Where the bucket lives is the {@link Source}'s choice: in this
 * JVM ({@link #LOCAL}), or shared by the whole cluster (in Redis), given by the bootstrap.
 */
public final class RateBuckets {

    /** Makes the bucket of a host; a shared source must give every instance the same bucket. */
    @FunctionalInterface
    public interface Source {
        Bucket bucketFor(String host, double ratePerSecond, BucketConfiguration configuration);
    }

    /** Buckets in this JVM only. */
    public static final Source LOCAL = (host, rate, configuration) -> Bucket.builder()
            .addLimit(configuration.getBandwidths()[0])
            .withNanosecondPrecision()
            .build();

    private RateBuckets() {
    }

    /** The bucket configuration for {@code ratePerSecond}; a fractional rate such as 0.5/s gives one token every two seconds. */
    public static BucketConfiguration perSecond(double ratePerSecond) {
        long burst = Math.max(1, (long) Math.ceil(ratePerSecond));
        Duration refillPeriod = Duration.ofNanos(Math.round(burst / ratePerSecond * 1_000_000_000L));
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, refillPeriod))
                .build();
    }
}
