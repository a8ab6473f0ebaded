package com.coze.timer.coordination;

import com.coze.timer.coordination.UpcomingFires.Entry;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How tasks appear in the cache of upcoming fires: an entry while unclaimed with a next run time. */
final class UpcomingEntries {

    private UpcomingEntries() {
    }

    static Map<TaskId, Entry> of(List<Task> tasks) {
        Map<TaskId, Entry> entries = new HashMap<>();
        for (Task task : tasks) {
            entries.put(task.id(), new Entry(Slots.of(task.id()), isUpcoming(task) ? task.nextRunTime().orElseThrow() : null));
        }
        return entries;
    }

    /** Entries that put right what the cache said about {@code stale} tasks, and remove {@code gone} ones. */
    static Map<TaskId, Entry> corrections(List<Task> stale, List<TaskId> gone) {
        Map<TaskId, Entry> entries = of(stale);
        gone.forEach(id -> entries.put(id, new Entry(Slots.of(id), null)));
        return entries;
    }

    /** {@code upcoming} split by stored slot, in one pass. */
    static Map<Integer, Map<TaskId, Instant>> bySlot(Map<TaskId, Instant> upcoming) {
        Map<Integer, Map<TaskId, Instant>> bySlot = new HashMap<>();
        upcoming.forEach((id, at) -> bySlot.computeIfAbsent(Slots.of(id), slot -> new HashMap<>()).put(id, at));
        return bySlot;
    }

    static boolean isUnclaimedBy(Task task, Instant dueBefore) {
        return task.fireState().isClaimableBy(dueBefore);
    }

    private static boolean isUpcoming(Task task) {
        return task.fireState().isUpcoming();
    }
}
