package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one port that writes tasks, and with them the fire columns (status, next run, counters, the
 * claim and its owner): the use cases' changes through its {@link TaskStore} part, the engine's
 * claims and outcomes through the batched, version-guarded writes below. Batches keep the database
 * round trips per fire well below one. A cache of upcoming fires is an adapter in front of it,
 * kept current by its writes; nothing else writes a task.
 */
public interface FireLedger extends TaskStore {

    /**
     * Unclaimed tasks of the given stored slots (see {@code Slots}) whose next run time is at or
     * before {@code dueBefore}, earliest first.
     */
    List<Task> findDue(Instant dueBefore, BitSet storedSlots, int limit);

    /**
     * Claimed fires of the given stored slots whose lease ran out before {@code leaseExpiredBefore},
     * earliest first: nobody works on them any more. Cheap enough to ask on every refill.
     */
    List<Task> findExpiredClaims(Instant leaseExpiredBefore, BitSet storedSlots, int limit);

    /**
     * Claimed fires of the given stored slots whose recorded owner is not among {@code liveOwners}
     * (it left the cluster), earliest first; claims without a recorded owner are not among them. With
     * no live owners given, every claim with a recorded owner.
     * Reads every claim of those slots: ask when the members or the slots change.
     */
    List<Task> findClaimsOfDepartedOwners(Set<String> liveOwners, BitSet storedSlots, int limit);

    /** The tasks with these ids (those that still exist), for a refill from a cache of upcoming fires. */
    List<Task> load(Collection<TaskId> ids);

    /** Next run times of the unclaimed, unfinished tasks of the given stored slots, to rebuild that cache. */
    Map<TaskId, Instant> unclaimedNextRuns(BitSet storedSlots);

    /**
     * Writes each task's fire state if its stored version is still the task's, in one transaction,
     * recording this instance as the owner of every claimed fire; for each
     * task, in order, the stored task at its new version, or empty if it lost a race.
     */
    List<Optional<Task>> writeAll(List<Task> tasks);

    /**
     * In one transaction: appends each completion's execution record (only while its task still
     * exists), stores its final failure if any, and writes its task, if any, under the version guard. Returns, per completion, the
     * stored task, or empty when there was none to write or it lost a race.
     */
    List<Optional<Task>> recordAll(List<Completion> completions);

    /**
     * Adds skipped occurrences to their tasks' counts and records each as the last skip; outside the
     * version guard (an increment), so that it never makes a concurrent change retry.
     */
    void recordSkips(List<Skip> skips);

    /** {@code occurrences} of a task skipped at {@code at}, for {@code reason}. */
    record Skip(TaskId taskId, long occurrences, Skips.Reason reason, Instant at) {
    }

    /**
     * A finished fire: its log record, unless the task ended meanwhile the task to store, and when
     * the fire finally failed what that leaves behind, stored in the same transaction.
     */
    record Completion(ExecutionRecord record, Optional<Task> task, Optional<FinalFailure> failure) {

        public Completion(ExecutionRecord record, Optional<Task> task) {
            this(record, task, Optional.empty());
        }
    }
}
