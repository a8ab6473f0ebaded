package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A ledger that passes everything on, for tests that change one answer. */
class DelegatingLedger implements FireLedger {

    private final FireLedger storage;

    DelegatingLedger(FireLedger storage) {
        this.storage = storage;
    }

    @Override
    public List<Task> findDue(Instant dueBefore, BitSet storedSlots, int limit) {
        return storage.findDue(dueBefore, storedSlots, limit);
    }

    @Override
    public List<Task> findExpiredClaims(Instant leaseExpiredBefore, BitSet storedSlots, int limit) {
        return storage.findExpiredClaims(leaseExpiredBefore, storedSlots, limit);
    }

    @Override
    public List<Task> findClaimsOfDepartedOwners(Set<String> liveOwners, BitSet storedSlots, int limit) {
        return storage.findClaimsOfDepartedOwners(liveOwners, storedSlots, limit);
    }

    @Override
    public List<Task> load(Collection<TaskId> ids) {
        return storage.load(ids);
    }

    @Override
    public Map<TaskId, Instant> unclaimedNextRuns(BitSet storedSlots) {
        return storage.unclaimedNextRuns(storedSlots);
    }

    @Override
    public List<Optional<Task>> writeAll(List<Task> tasks) {
        return storage.writeAll(tasks);
    }

    @Override
    public void recordSkips(List<Skip> skips) {
        storage.recordSkips(skips);
    }

    @Override
    public List<Optional<Task>> recordAll(List<Completion> completions) {
        return storage.recordAll(completions);
    }
}
