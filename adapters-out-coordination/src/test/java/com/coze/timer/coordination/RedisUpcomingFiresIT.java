package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.coordination.UpcomingFires.Entry;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisUpcomingFiresIT {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static EmbeddedRedis server;
    private static RedisPool redis;
    private final RedisUpcomingFires fires = new RedisUpcomingFires(redis, "test");

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

    @BeforeEach
    void flush() {
        redis.call(jedis -> jedis.flushAll());
    }

    @Test
    void dueMergesTheSlotsEarliestFirst() {
        TaskId a = TaskId.random();
        TaskId b = TaskId.random();
        TaskId c = TaskId.random();
        fires.put(7, a, T0.plusMillis(300));
        fires.put(3, b, T0.plusMillis(100));
        fires.put(900, c, T0.plusMillis(200));

        assertThat(fires.due(Slots.of(3, 7, 900), T0.plusSeconds(1), 10)).containsExactly(b, c, a);
    }

    @Test
    void dueStopsAtTheLimitKeepingTheEarliest() {
        TaskId first = TaskId.random();
        TaskId second = TaskId.random();
        fires.put(1, TaskId.random(), T0.plusMillis(30));
        fires.put(2, second, T0.plusMillis(20));
        fires.put(1, first, T0.plusMillis(10));

        assertThat(fires.due(Slots.of(1, 2), T0.plusSeconds(1), 2)).containsExactly(first, second);
    }

    @Test
    void dueSkipsLaterFiresAndSlotsNotAskedFor() {
        TaskId now = TaskId.random();
        fires.put(1, now, T0);
        fires.put(1, TaskId.random(), T0.plusMillis(1));
        fires.put(2, TaskId.random(), T0);

        assertThat(fires.due(Slots.of(1), T0, 10)).containsExactly(now);
        assertThat(fires.due(new BitSet(), T0, 10)).isEmpty();
    }

    @Test
    void putMovesATaskAndANullNextRunRemovesIt() {
        TaskId moved = TaskId.random();
        TaskId removed = TaskId.random();
        fires.put(5, moved, T0.plusSeconds(60));
        fires.put(5, removed, T0);
        fires.put(5, moved, T0.minusSeconds(1));
        fires.put(5, removed, null);

        assertThat(fires.due(Slots.of(5), T0, 10)).containsExactly(moved);
    }

    @Test
    void putAllAddsMovesAndRemovesInOnePipeline() {
        TaskId kept = TaskId.random();
        TaskId gone = TaskId.random();
        fires.put(4, gone, T0);
        Map<TaskId, Entry> batch = new HashMap<>();
        batch.put(kept, new Entry(8, T0.plusMillis(5)));
        batch.put(gone, new Entry(4, null));
        fires.putAll(batch);

        assertThat(fires.due(Slots.of(4, 8), T0.plusSeconds(1), 10)).containsExactly(kept);
    }

    @Test
    void aSlotIsMissingUntilRebuiltAndAgainAfterFlushAll() {
        assertThat(fires.missing(Slots.of(1, 2, 3))).isEqualTo(Slots.of(1, 2, 3));

        fires.rebuild(2, Map.of());
        assertThat(fires.missing(Slots.of(1, 2, 3))).isEqualTo(Slots.of(1, 3));

        redis.call(jedis -> jedis.flushAll());
        assertThat(fires.missing(Slots.of(1, 2, 3))).isEqualTo(Slots.of(1, 2, 3));
    }

    @Test
    void rebuildReplacesWhatTheSlotHeld() {
        TaskId stale = TaskId.random();
        TaskId fresh = TaskId.random();
        fires.put(6, stale, T0);
        Map<TaskId, Instant> upcoming = new HashMap<>();
        upcoming.put(fresh, T0.plusMillis(1));
        for (int i = 0; i < 2_500; i++) {
            upcoming.put(TaskId.random(), T0.plusSeconds(3_600 + i));
        }

        fires.rebuild(6, upcoming);

        assertThat(fires.due(Slots.of(6), T0.plusSeconds(1), 10)).containsExactly(fresh);
        assertThat(fires.due(Slots.of(6), T0.plusSeconds(7_200), 5_000)).hasSize(2_501);
        assertThat(fires.missing(Slots.of(6))).isEqualTo(new BitSet());
    }
}
