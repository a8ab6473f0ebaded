package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The engine's view of storage: which fires are due, and batched, version-guarded writes of
 * claims and outcomes. Batches keep the database round trips per fire well below one.
 */
public interface FireLedger {

    /** Unclaimed tasks whose next run time is at or before {@code dueBefore}, earliest first. */
    List<Task> findDue(Instant dueBefore, int limit);

    /** Tasks whose claimed fire's lease ran out before {@code expiredBefore}: their instance is gone. */
    List<Task> findExpiredLeases(Instant expiredBefore, int limit);

    /**
     * Writes each task if its stored version is still the task's, in one transaction; for each
     * task, in order, the stored task at its new version, or empty if it lost a race.
     */
    List<Optional<Task>> writeAll(List<Task> tasks);

    /**
     * In one transaction: appends each completion's execution record (only while its task still
     * exists) and writes its task, if any, under the version guard. Returns, per completion, the
     * stored task, or empty when there was none to write or it lost a race.
     */
    List<Optional<Task>> recordAll(List<Completion> completions);

    /** A finished fire: its log record and, unless the task ended meanwhile, the task to store. */
    record Completion(ExecutionRecord record, Optional<Task> task) {
    }
}
