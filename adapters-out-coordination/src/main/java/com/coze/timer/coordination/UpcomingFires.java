package com.coze.timer.coordination;

import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A cache of upcoming fires per slot (task id by next run time) that the engine fills its window
 * from, so that refills do not scan the database. Storage stays the truth: a slot whose cache is
 * missing (never built, flushed, or its server lost) is rebuilt from storage, and an entry that
 * disagrees with storage is corrected on read. Losing the cache loses no task.
 */
public interface UpcomingFires {

    /** Records (or moves) a task's next run time in its slot; removes it when {@code nextRunTime} is null. */
    void put(int slot, TaskId taskId, Instant nextRunTime);

    /** Several puts at once (a pipeline): each entry's value may be null to remove it. */
    void putAll(Map<TaskId, Entry> entries);

    /** The slots among {@code slots} whose cache is not built (must be rebuilt from storage first). */
    BitSet missing(BitSet slots);

    /** Replaces a slot's cache with {@code upcoming} and marks it built. */
    void rebuild(int slot, Map<TaskId, Instant> upcoming);

    /** Task ids due at or before {@code dueBefore} in the given slots, earliest first, at most {@code limit}. */
    List<TaskId> due(BitSet slots, Instant dueBefore, int limit);

    /** A cache entry: the task's slot and next run time (null: remove). */
    record Entry(int slot, Instant nextRunTime) {
    }
}
