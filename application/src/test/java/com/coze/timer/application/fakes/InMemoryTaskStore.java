package com.coze.timer.application.fakes;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.application.port.out.StoredTask;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tasks in a map, with the real store's optimistic locking: an update succeeds only if the stored
 * version still equals {@code task.version()}, and stores the task at version + 1. Deleting a task
 * also drops its history from the execution log given at construction, as the real store does in
 * one transaction.
 *
 * <p>A test can make the store lose races on purpose: {@link #interfereWithNextUpdates} lets another
 * writer (the engine, say) change the stored task just before the next updates, which then fail.
 *
 * <p>Thread-safe: every method holds the store's monitor.
 */
public final class InMemoryTaskStore implements TaskStore, TaskQueries {

    private final Map<TaskId, Task> tasks = new LinkedHashMap<>();
    private final Map<TaskId, com.coze.timer.domain.task.Skips> skips = new java.util.HashMap<>();
    private final InMemoryExecutionLog log;
    private UnaryOperator<Task> interference = UnaryOperator.identity();
    private int interferences;
    private int updateAttempts;

    public synchronized com.coze.timer.domain.task.Skips skipsOf(TaskId id) {
        return skips.getOrDefault(id, com.coze.timer.domain.task.Skips.NONE);
    }

    @Override
    public synchronized Optional<StoredTask> findWithLatest(TaskId id) {
        return find(id).map(task -> new StoredTask(task, skipsOf(id), log.latest(id)));
    }

    /** Adds a skip, as the ledger's increment does. */
    public synchronized void addSkip(TaskId id, long occurrences, com.coze.timer.domain.task.Skips.Reason reason, java.time.Instant at) {
        if (tasks.containsKey(id)) {
            long count = skipsOf(id).count() + occurrences;
            skips.put(id, new com.coze.timer.domain.task.Skips(count, Optional.of(reason), Optional.of(at)));
        }
    }

    public InMemoryTaskStore() {
        this(new InMemoryExecutionLog());
    }

    public InMemoryTaskStore(InMemoryExecutionLog log) {
        this.log = log;
    }

    @Override
    public synchronized void insert(Task task) {
        if (tasks.containsKey(task.id())) {
            throw new IllegalStateException("duplicate task id " + task.id());
        }
        tasks.put(task.id(), task.withVersion(0));
    }

    @Override
    public synchronized boolean insertWithinQuota(Task task, long maxActive) {
        if (countActiveByUser(task.userId()) >= maxActive) {
            return false;
        }
        insert(task);
        return true;
    }

    @Override
    public synchronized Optional<Task> find(TaskId id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public synchronized Optional<Task> update(Task task) {
        updateAttempts++;
        if (interferences > 0 && tasks.containsKey(task.id())) {
            interferences--;
            Task stored = tasks.get(task.id());
            tasks.put(task.id(), interference.apply(stored).withVersion(stored.version() + 1));
        }
        Task stored = tasks.get(task.id());
        if (stored == null || stored.version() != task.version()) {
            return Optional.empty();
        }
        Task written = task.withVersion(task.version() + 1);
        tasks.put(task.id(), written);
        return Optional.of(written);
    }

    @Override
    public synchronized boolean delete(TaskId id) {
        log.deleteTask(id);
        return tasks.remove(id) != null;
    }

    @Override
    public synchronized List<TaskSummary> list(TaskFilter filter, Optional<TaskCursor> after, int limit, int offset) {
        return tasks.values().stream()
                .filter(filter::matches)
                .map(task -> TaskSummary.of(task, log.latest(task.id())))
                .filter(task -> after.map(cursor -> cursor.precedes(task)).orElse(true))
                .sorted(TaskCursor.NEWEST_FIRST)
                .skip(offset)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized long count(TaskFilter filter) {
        return tasks.values().stream().filter(filter::matches).count();
    }

    @Override
    public synchronized long countActiveByUser(long userId) {
        return tasks.values().stream().filter(task -> task.userId() == userId && !task.isFinal()).count();
    }

    @Override
    public synchronized Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        tasks.values().forEach(task -> counts.merge(task.status(), 1L, Long::sum));
        return counts;
    }

    /**
     * Makes the next {@code times} updates lose a race: just before each, {@code otherWriter}
     * changes the stored task and bumps its version, as a concurrent writer would.
     */
    public synchronized void interfereWithNextUpdates(int times, UnaryOperator<Task> otherWriter) {
        this.interferences = times;
        this.interference = otherWriter;
    }

    /** Writes a task as it is, bypassing the version check (to set up a test's starting state). */
    public synchronized Task put(Task task) {
        tasks.put(task.id(), task);
        return task;
    }

    /** How many times {@link #update} was called. */
    public synchronized int updateAttempts() {
        return updateAttempts;
    }

    public synchronized int size() {
        return tasks.size();
    }

    public synchronized List<Task> all() {
        return List.copyOf(tasks.values());
    }

    public synchronized void clear() {
        tasks.clear();
        interferences = 0;
        updateAttempts = 0;
    }
}
