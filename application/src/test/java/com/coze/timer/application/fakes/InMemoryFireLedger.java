package com.coze.timer.application.fakes;

import com.coze.timer.application.port.out.StoredTask;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The engine's ledger over the in-memory store and log, with the same version guards and claim owners. */
public class InMemoryFireLedger implements FireLedger {

    private final InMemoryTaskStore store;
    private final InMemoryExecutionLog log;
    private final String owner;
    private final Map<TaskId, String> owners;

    /** A ledger of the single instance "embedded". */
    public InMemoryFireLedger(InMemoryTaskStore store, InMemoryExecutionLog log) {
        this(store, log, "embedded", new ConcurrentHashMap<>());
    }

    /** A ledger of instance {@code owner}; instances sharing one store share {@code owners} too, as a table would. */
    public InMemoryFireLedger(InMemoryTaskStore store, InMemoryExecutionLog log, String owner, Map<TaskId, String> owners) {
        this.store = store;
        this.log = log;
        this.owner = owner;
        this.owners = owners;
    }

    @Override
    public void insert(Task task) {
        store.insert(task);
    }

    @Override
    public boolean insertWithinQuota(Task task, long maxActive) {
        return store.insertWithinQuota(task, maxActive);
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return store.find(id);
    }

    @Override
    public Optional<Task> update(Task task) {
        return store.update(task);
    }

    @Override
    public Optional<StoredTask> findWithLatest(TaskId id) {
        return store.findWithLatest(id);
    }

    @Override
    public boolean delete(TaskId id) {
        return store.delete(id);
    }

    @Override
    public List<Task> findDue(Instant dueBefore, BitSet storedSlots, int limit) {
        return store.all().stream()
                .filter(task -> storedSlots.get(Slots.of(task.id())))
                .filter(task -> task.fireState().isClaimableBy(dueBefore))
                .sorted(Comparator.comparing(task -> task.nextRunTime().orElseThrow()))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Task> findExpiredClaims(Instant leaseExpiredBefore, BitSet storedSlots, int limit) {
        return claims(storedSlots, limit, task -> task.pendingFire().orElseThrow().leaseUntil().isBefore(leaseExpiredBefore));
    }

    @Override
    public List<Task> findClaimsOfDepartedOwners(Set<String> liveOwners, BitSet storedSlots, int limit) {
        return claims(storedSlots, limit, task -> owners.containsKey(task.id()) && !liveOwners.contains(owners.get(task.id())));
    }

    private List<Task> claims(BitSet storedSlots, int limit, Predicate<Task> orphaned) {
        return store.all().stream()
                .filter(task -> storedSlots.get(Slots.of(task.id())) && task.pendingFire().isPresent())
                .filter(orphaned)
                .sorted(Comparator.comparing(task -> task.pendingFire().orElseThrow().scheduledTime()))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Task> load(Collection<TaskId> ids) {
        return ids.stream().map(store::find).flatMap(Optional::stream).toList();
    }

    @Override
    public Map<TaskId, Instant> unclaimedNextRuns(BitSet storedSlots) {
        Map<TaskId, Instant> upcoming = new HashMap<>();
        store.all().stream()
                .filter(task -> storedSlots.get(Slots.of(task.id())))
                .filter(task -> task.fireState().isUpcoming())
                .forEach(task -> upcoming.put(task.id(), task.nextRunTime().orElseThrow()));
        return upcoming;
    }

    @Override
    public List<Optional<Task>> writeAll(List<Task> tasks) {
        return tasks.stream().map(this::writeOwned).toList();
    }

    private Optional<Task> writeOwned(Task task) {
        Optional<Task> written = store.update(task);
        written.filter(t -> t.pendingFire().isPresent()).ifPresent(t -> owners.put(t.id(), owner));
        return written;
    }

    @Override
    public void recordSkips(List<Skip> skips) {
        skips.forEach(skip -> store.addSkip(skip.taskId(), skip.occurrences(), skip.reason(), skip.at()));
    }

    @Override
    public List<Optional<Task>> recordAll(List<Completion> completions) {
        return completions.stream().map(completion -> {
            if (store.find(completion.record().taskId()).isPresent()) {
                log.append(completion.record());
            }
            return completion.task().flatMap(this::writeOwned);
        }).toList();
    }
}
