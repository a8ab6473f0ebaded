package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.coordination.UpcomingFires.Entry;
import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RedisOutageIT {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final BitSet SLOT_1 = Slots.of(1);

    @Test
    void whileRedisIsDownEveryCallFailsPromptlyNamingRedisAndAfterARestartItWorksAgain() {
        try (EmbeddedRedis server = new EmbeddedRedis(); RedisPool redis = new RedisPool(server.url(), TIMEOUT, 4)) {
            RedisUpcomingFires fires = new RedisUpcomingFires(redis, "test");
            RedisFireLock lock = new RedisFireLock(redis, "test", "one");
            fires.put(1, TaskId.random(), Instant.EPOCH);
            server.stop();

            failsPromptly(server, () -> fires.put(1, TaskId.random(), Instant.EPOCH));
            failsPromptly(server, () -> fires.due(SLOT_1, Instant.EPOCH, 10));
            failsPromptly(server, () -> fires.missing(SLOT_1));
            failsPromptly(server, () -> fires.rebuild(1, Map.of()));
            failsPromptly(server, () -> fires.putAll(Map.of(TaskId.random(), new Entry(1, null))));
            failsPromptly(server, () -> lock.tryLock("k", Duration.ofSeconds(1)));

            server.start();
            fires.rebuild(1, Map.of());
            assertThat(fires.missing(SLOT_1)).isEqualTo(new BitSet());
            assertThat(lock.tryLock("k", Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void aPoolMadeWhileRedisIsDownIsUsableOnceItIsUp() {
        EmbeddedRedis server = new EmbeddedRedis();
        server.stop();
        try (RedisPool redis = new RedisPool(server.url(), TIMEOUT, 4)) {
            assertThatThrownBy(redis::ping).hasMessageStartingWith("cannot reach Redis at " + server.url());
            server.start();
            redis.ping();
        } finally {
            server.close();
        }
    }

    @Test
    void aRedisThatNoLongerAnswersFailsTheCallAfterTheTimeoutInsteadOfHangingIt() {
        try (EmbeddedRedis server = new EmbeddedRedis(); RedisPool redis = new RedisPool(server.url(), TIMEOUT, 4)) {
            RedisFireLock lock = new RedisFireLock(redis, "test", "one");
            server.freeze();
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> lock.tryLock("k", Duration.ofSeconds(1)))
                        .hasMessageStartingWith("cannot reach Redis at " + server.url());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
            } finally {
                server.thaw();
            }
            // The timed-out SET reached Redis and ran once it woke: a failed call may still have acted.
            assertThat(lock.tryLock("k", Duration.ofSeconds(1))).isFalse();
            assertThat(lock.tryLock("k2", Duration.ofSeconds(1))).isTrue();
        }
    }

    private static void failsPromptly(EmbeddedRedis server, Executable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call::execute)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot reach Redis at " + server.url());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(2));
    }
}
