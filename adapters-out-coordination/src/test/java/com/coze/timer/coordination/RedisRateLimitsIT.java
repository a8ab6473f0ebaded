package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void threeInstancesFarFromAHostsLimitTakeTokensWithoutARoundTripEach() throws Exception {
        long rate = 1_000;
        Duration run = Duration.ofSeconds(1);
        long commandsBefore = commandsProcessed();
        long granted = drawFromThreeInstances("far.example", rate, run, Duration.ofMillis(10)); // ~300/s in all
        double commandsPerToken = (commandsProcessed() - commandsBefore) / (double) granted;
        System.out.printf("shared rate bucket, 3 instances at ~30 %% of %d/s: %d tokens, %.3f Redis commands per token%n",
                rate, granted, commandsPerToken);
        assertThat(commandsPerToken).as("tokens are taken locally between exchanges with Redis (one exchange is ~5 commands)").isLessThan(1.0);
    }

    @Test
    void threeInstancesAtAHostsLimitHoldItClusterWideWithinFivePercent() throws Exception {
        long rate = 1_000;
        Duration run = Duration.ofSeconds(2);
        long startNanos = System.nanoTime();
        long granted = drawFromThreeInstances("busy.example", rate, run, Duration.ZERO);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double allowed = rate + rate * seconds; // a second's burst, then the refill
        System.out.printf("shared rate bucket, 3 instances at %d/s for %.2f s: granted %d of %.0f allowed (%.1f %%)%n",
                rate, seconds, granted, allowed, 100.0 * granted / allowed);
        assertThat(granted).as("the cluster-wide limit, within 5 %").isLessThanOrEqualTo((long) (allowed * 1.05));
    }

    /** Three instances, each with its own connections, taking tokens for {@code run} with {@code pause} between tries. */
    private static long drawFromThreeInstances(String host, long rate, Duration run, Duration pause) throws InterruptedException {
        AtomicLong granted = new AtomicLong();
        long startNanos = System.nanoTime();
        List<Thread> instances = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            instances.add(Thread.ofPlatform().start(() -> {
                try (RedisPool pool = new RedisPool(server.url())) {
                    Bucket bucket = new RedisRateLimits(pool, "lease").bucketFor(host, rate, perSecond(rate));
                    while (System.nanoTime() - startNanos < run.toNanos()) {
                        granted.addAndGet(bucket.tryConsume(1) ? 1 : 0);
                        sleep(pause);
                    }
                }
            }));
        }
        for (Thread instance : instances) {
            instance.join();
        }
        return granted.get();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long commandsProcessed() {
        String stats = redisOfOne.call(jedis -> SafeEncoder.encode((byte[]) jedis.sendCommand(Protocol.Command.INFO, "stats")));
        return stats.lines().filter(line -> line.startsWith("total_commands_processed:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    }

    private static BucketConfiguration perSecond(long rate) {
        return BucketConfiguration.builder().addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1))).build();
    }
}
