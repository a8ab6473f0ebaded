package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisFireLockIT {

    private static EmbeddedRedis server;
    private static RedisPool redis;

    @BeforeAll
    static void startRedis() {
        server = new EmbeddedRedis();
        redis = new RedisPool(server.url());
    }

    @AfterAll
    static void stopRedis() {
        try {
            redis.close();
        } finally {
            server.close();
        }
    }

    @Test
    void onlyTheFirstInstanceGetsTheLock() {
        RedisFireLock one = new RedisFireLock(redis, "test", "one");
        RedisFireLock two = new RedisFireLock(redis, "test", "two");

        assertThat(one.tryLock("task-1:1000", Duration.ofSeconds(30))).isTrue();
        assertThat(two.tryLock("task-1:1000", Duration.ofSeconds(30))).isFalse();
        assertThat(one.tryLock("task-1:1000", Duration.ofSeconds(30))).isFalse();
        assertThat(two.tryLock("task-1:2000", Duration.ofSeconds(30))).isTrue();
        String holder = redis.call(jedis -> jedis.get("test:lock:task-1:1000"));
        assertThat(holder).isEqualTo("one");
    }

    @Test
    void theLockLapsesAfterItsTtl() {
        RedisFireLock one = new RedisFireLock(redis, "test", "one");
        RedisFireLock two = new RedisFireLock(redis, "test", "two");
        assertThat(one.tryLock("task-2:1000", Duration.ofMillis(150))).isTrue();
        assertThat(two.tryLock("task-2:1000", Duration.ofMillis(150))).isFalse();

        Poll.until(Duration.ofSeconds(2), "the lock expires", () -> two.tryLock("task-2:1000", Duration.ofSeconds(30)));
        long ttlMs = redis.call(jedis -> jedis.pttl("test:lock:task-2:1000"));
        assertThat(ttlMs).isGreaterThan(20_000L);
    }
}
