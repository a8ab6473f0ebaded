package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisRateLimitsIT {

    private static EmbeddedRedis server;
    private static RedisPool redisOfOne;
    private static RedisPool redisOfTwo;

    @BeforeAll
    static void startRedis() {
        server = new EmbeddedRedis();
        redisOfOne = new RedisPool(server.url());
        redisOfTwo = new RedisPool(server.url());
    }

    @AfterAll
    static void stopRedis() {
        try {
            redisOfOne.close();
            redisOfTwo.close();
        } finally {
            server.close();
        }
    }

    @Test
    void twoInstancesDrawFromOneBucketPerHost() {
        Bucket one = new RedisRateLimits(redisOfOne, "test").bucketFor("shared.example", 10, perSecond(10));
        Bucket two = new RedisRateLimits(redisOfTwo, "test").bucketFor("shared.example", 10, perSecond(10));

        int granted = 0;
        for (int i = 0; i < 30; i++) {
            granted += (i % 2 == 0 ? one : two).tryConsume(1) ? 1 : 0;
        }

        // One second of burst (10), plus what refilled while the loop ran.
        assertThat(granted).isBetween(10, 12);
    }

    @Test
    void eachHostHasItsOwnBucket() {
        RedisRateLimits limits = new RedisRateLimits(redisOfOne, "test");
        Bucket a = limits.bucketFor("a.example", 2, perSecond(2));
        Bucket b = limits.bucketFor("b.example", 2, perSecond(2));

        assertThat(a.tryConsume(2)).isTrue();
        assertThat(a.tryConsume(1)).isFalse();
        assertThat(b.tryConsume(2)).isTrue();
        assertThat(limits.bucketFor("a.example", 2, perSecond(2))).isSameAs(a);
    }

    private static BucketConfiguration perSecond(long rate) {
        return BucketConfiguration.builder().addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1))).build();
    }
}
