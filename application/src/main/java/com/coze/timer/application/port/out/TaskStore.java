package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.util.Optional;

/**
 * Where tasks live, as the use cases see them: the part of the {@link FireLedger} that reads,
 * creates, changes and removes single tasks. Writes are guarded by the task's optimistic {@code version}: an update succeeds
 * only if the stored version is still the one the task was read at, and stores it at version + 1.
 */
public interface TaskStore {

    /** Stores a new task at version 0. */
    void insert(Task task);

    /**
     * Stores a new task at version 0 if its user has fewer than {@code maxActive} active (not final)
     * tasks, atomically: of concurrent inserts for one user, on any instance, at most as many
     * succeed as the quota has room for. False, and nothing stored, when the quota is full.
     */
    boolean insertWithinQuota(Task task, long maxActive);

    Optional<Task> find(TaskId id);

    /**
     * Writes {@code task} if the stored version equals {@code task.version()}; returns the task at
     * its new version, or empty when someone else changed (or deleted) it first.
     */
    Optional<Task> update(Task task);

    /** The task with its skips and its latest execution, in one read; empty when there is no such task. */
    Optional<StoredTask> findWithLatest(TaskId id);

    /** Removes a task and its execution history together; false if there was no such task. */
    boolean delete(TaskId id);
}
