package com.coze.timer.coordination;

import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * Upcoming fires in Redis: one sorted set per slot, {@code <prefix>:slot:<n>}, whose members are
 * task ids scored by their next run time in epoch milliseconds, and one marker per slot,
 * {@code <prefix>:built:<n>}, set when the slot was rebuilt from storage. A slot without its marker
 * (never built, FLUSHALL, a new or restarted Redis without persistence) is {@link #missing}: the
 * engine rebuilds it before trusting it. Neither key expires, so Redis must not evict them
 * ({@code maxmemory-policy noeviction} or a {@code volatile-*} policy).
 *
 * <p>{@link #rebuild} replaces a slot and sets its marker in one MULTI/EXEC, so a reader sees the
 * old set or the new one. {@link #due} asks every slot in one pipeline for at most {@code limit}
 * entries and merges them earliest first (ties by id). Every method throws an
 * {@link IllegalStateException} naming Redis when it is unreachable (see {@link RedisPool}).
 */
public final class RedisUpcomingFires implements UpcomingFires {

    private static final int ZADD_CHUNK = 1_000;
    private static final Comparator<Tuple> EARLIEST_FIRST =
            Comparator.comparingDouble(Tuple::getScore).thenComparing(Tuple::getElement);

    private final RedisPool redis;
    private final String prefix;

    /** {@code keyPrefix}, such as {@code "coze-timer"}, keeps these keys apart from others in the same Redis. */
    public RedisUpcomingFires(RedisPool redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix;
    }

    @Override
    public void put(int slot, TaskId taskId, Instant nextRunTime) {
        redis.call(jedis -> nextRunTime == null
                ? jedis.zrem(slotKey(slot), taskId.toString())
                : jedis.zadd(slotKey(slot), nextRunTime.toEpochMilli(), taskId.toString()));
    }

    @Override
    public void putAll(Map<TaskId, Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        redis.call(jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                entries.forEach((id, entry) -> {
                    if (entry.nextRunTime() == null) {
                        pipeline.zrem(slotKey(entry.slot()), id.toString());
                    } else {
                        pipeline.zadd(slotKey(entry.slot()), entry.nextRunTime().toEpochMilli(), id.toString());
                    }
                });
                pipeline.sync();
            }
            return null;
        });
    }

    @Override
    public BitSet missing(BitSet slots) {
        BitSet missing = new BitSet();
        if (slots.isEmpty()) {
            return missing;
        }
        int[] slotNumbers = slots.stream().toArray();
        String[] markers = slots.stream().mapToObj(this::builtKey).toArray(String[]::new);
        List<String> values = redis.call(jedis -> jedis.mget(markers));
        for (int i = 0; i < slotNumbers.length; i++) {
            if (values.get(i) == null) {
                missing.set(slotNumbers[i]);
            }
        }
        return missing;
    }

    @Override
    public void rebuild(int slot, Map<TaskId, Instant> upcoming) {
        List<Map<String, Double>> chunks = chunks(upcoming);
        redis.call(jedis -> {
            try (AbstractTransaction transaction = jedis.multi()) {
                transaction.del(slotKey(slot));
                chunks.forEach(chunk -> transaction.zadd(slotKey(slot), chunk));
                transaction.set(builtKey(slot), "1");
                return transaction.exec();
            }
        });
    }

    private static List<Map<String, Double>> chunks(Map<TaskId, Instant> upcoming) {
        List<Map<String, Double>> chunks = new ArrayList<>();
        Map<String, Double> chunk = new HashMap<>();
        for (Map.Entry<TaskId, Instant> entry : upcoming.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            chunk.put(entry.getKey().toString(), (double) entry.getValue().toEpochMilli());
            if (chunk.size() == ZADD_CHUNK) {
                chunks.add(chunk);
                chunk = new HashMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    @Override
    public List<TaskId> due(BitSet slots, Instant dueBefore, int limit) {
        if (slots.isEmpty() || limit <= 0) {
            return List.of();
        }
        double max = dueBefore.toEpochMilli();
        List<Tuple> found = redis.call(jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<List<Tuple>>> replies = slots.stream()
                        .mapToObj(slot -> pipeline.zrangeByScoreWithScores(slotKey(slot), Double.NEGATIVE_INFINITY, max, 0, limit))
                        .toList();
                pipeline.sync();
                return replies.stream().flatMap(reply -> reply.get().stream()).toList();
            }
        });
        return found.stream().sorted(EARLIEST_FIRST).limit(limit)
                .map(tuple -> TaskId.parse(tuple.getElement()))
                .flatMap(Optional::stream)
                .toList();
    }

    private String slotKey(int slot) {
        return prefix + ":slot:" + slot;
    }

    private String builtKey(int slot) {
        return prefix + ":built:" + slot;
    }
}
