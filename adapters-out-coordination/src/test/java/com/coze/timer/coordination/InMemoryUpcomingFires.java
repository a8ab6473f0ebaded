package com.coze.timer.coordination;

import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cache of upcoming fires in maps; {@link #flush()} and {@link #failing} play a lost or broken Redis. */
public final class InMemoryUpcomingFires implements UpcomingFires {

    private final Map<Integer, Map<TaskId, Instant>> slots = new HashMap<>();
    private final BitSet built = new BitSet();
    private boolean failing;

    @Override
    public synchronized void put(int slot, TaskId taskId, Instant nextRunTime) {
        check();
        Map<TaskId, Instant> entries = slots.computeIfAbsent(slot, s -> new HashMap<>());
        if (nextRunTime == null) {
            entries.remove(taskId);
        } else {
            entries.put(taskId, nextRunTime);
        }
    }

    @Override
    public synchronized void putAll(Map<TaskId, Entry> entries) {
        check();
        entries.forEach((id, entry) -> put(entry.slot(), id, entry.nextRunTime()));
    }

    @Override
    public synchronized BitSet missing(BitSet wanted) {
        check();
        BitSet missing = (BitSet) wanted.clone();
        missing.andNot(built);
        return missing;
    }

    @Override
    public synchronized void rebuild(int slot, Map<TaskId, Instant> upcoming) {
        check();
        slots.put(slot, new HashMap<>(upcoming));
        built.set(slot);
    }

    @Override
    public synchronized List<TaskId> due(BitSet wanted, Instant dueBefore, int limit) {
        check();
        return wanted.stream().boxed()
                .flatMap(slot -> slots.getOrDefault(slot, Map.of()).entrySet().stream())
                .filter(e -> !e.getValue().isAfter(dueBefore))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    public synchronized void flush() {
        slots.clear();
        built.clear();
    }

    public synchronized void failing(boolean value) {
        failing = value;
    }

    public synchronized int size() {
        return slots.values().stream().mapToInt(Map::size).sum();
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("cache unavailable");
        }
    }
}
