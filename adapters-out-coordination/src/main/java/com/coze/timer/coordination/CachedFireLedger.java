package com.coze.timer.coordination;

import com.coze.timer.application.port.out.StoredTask;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link FireLedger} in front of storage's that finds due fires in a cache of upcoming fires
 * (Redis in a cluster) instead of scanning storage, and keeps that cache current on every write:
 * the use cases' and the engine's writes all pass through it. Storage stays the truth, so nothing
 * is lost with the cache:
 * <ul>
 *   <li>a slot whose cache is missing (new, flushed, or its server restarted) is rebuilt first;</li>
 *   <li>every candidate is re-read from storage, and a cache entry that disagrees is corrected;</li>
 *   <li>when the cache fails, it is left alone for {@code sweepInterval} (so that a dead server
 *       does not cost a timeout on every write), refills scan storage meanwhile, and the first use
 *       after that rebuilds every owned slot; every {@code sweepInterval} a refill scans storage
 *       anyway, to catch a write another instance could not mirror.</li>
 * </ul>
 * The cache holds a task exactly while it is unclaimed and has a next run time.
 */
public final class CachedFireLedger implements FireLedger {

    private static final Logger LOG = Logger.getLogger(CachedFireLedger.class.getName());
    /** Stored slots read from storage at once by a rebuild (of {@link com.coze.timer.domain.task.Slots#STORED}). */
    static final int REBUILD_CHUNK = 32;

    private final FireLedger storage;
    private final UpcomingFires cache;
    private final Clock clock;
    private final Duration sweepInterval;
    /** Mirroring writes share it; a rebuild holds it alone, so that no write of this instance falls between its snapshot and its swap. */
    private final ReadWriteLock rebuilding = new ReentrantReadWriteLock();
    private volatile Instant nextSweep = Instant.MIN;
    private volatile boolean rebuildAll = true;
    private volatile Instant unusableUntil = Instant.MIN;

    public CachedFireLedger(FireLedger storage, UpcomingFires cache, Clock clock, Duration sweepInterval) {
        this.storage = storage;
        this.cache = cache;
        this.clock = clock;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void insert(Task task) {
        storage.insert(task);
        mirror(List.of(task));
    }

    @Override
    public boolean insertWithinQuota(Task task, long maxActive) {
        boolean inserted = storage.insertWithinQuota(task, maxActive);
        if (inserted) {
            mirror(List.of(task));
        }
        return inserted;
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return storage.find(id);
    }

    @Override
    public Optional<Task> update(Task task) {
        Optional<Task> written = storage.update(task);
        written.ifPresent(t -> mirror(List.of(t)));
        return written;
    }

    @Override
    public Optional<StoredTask> findWithLatest(TaskId id) {
        return storage.findWithLatest(id);
    }

    @Override
    public boolean delete(TaskId id) {
        boolean deleted = storage.delete(id);
        if (deleted) {
            forget(id);
        }
        return deleted;
    }

    @Override
    public List<Task> findDue(Instant dueBefore, BitSet storedSlots, int limit) {
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep) || now.isBefore(unusableUntil)) {
            nextSweep = now.plus(sweepInterval);
            return storage.findDue(dueBefore, storedSlots, limit);
        }
        try {
            rebuild(rebuildAll ? storedSlots : cache.missing(storedSlots));
            rebuildAll = false;
            List<TaskId> ids = cache.due(storedSlots, dueBefore, limit);
            return ids.isEmpty() ? List.of() : dueAmong(ids, dueBefore);
        } catch (RuntimeException e) {
            cacheFailed("reading upcoming fires", e);
            return storage.findDue(dueBefore, storedSlots, limit);
        }
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
        List<Optional<Task>> written = storage.writeAll(tasks);
        mirror(written.stream().flatMap(Optional::stream).toList());
        return written;
    }

    @Override
    public void recordSkips(List<Skip> skips) {
        storage.recordSkips(skips);
    }

    @Override
    public List<Optional<Task>> recordAll(List<Completion> completions) {
        List<Optional<Task>> written = storage.recordAll(completions);
        mirror(written.stream().flatMap(Optional::stream).toList());
        return written;
    }

    /** Puts the tasks' state into the cache: present while unclaimed with a next run, absent otherwise. */
    private void mirror(List<Task> tasks) {
        if (tasks.isEmpty() || clock.instant().isBefore(unusableUntil)) {
            return; // an unusable cache is rebuilt in full before its next use
        }
        rebuilding.readLock().lock();
        try {
            cache.putAll(UpcomingEntries.of(tasks));
        } catch (RuntimeException e) {
            cacheFailed("updating upcoming fires", e);
        } finally {
            rebuilding.readLock().unlock();
        }
    }

    /** Removes a deleted task from the cache. */
    private void forget(TaskId id) {
        if (clock.instant().isBefore(unusableUntil)) {
            return;
        }
        rebuilding.readLock().lock();
        try {
            cache.putAll(UpcomingEntries.corrections(List.of(), List.of(id)));
        } catch (RuntimeException e) {
            cacheFailed("updating upcoming fires", e);
        } finally {
            rebuilding.readLock().unlock();
        }
    }

    /** The tasks among {@code ids} that storage says are really due; wrong cache entries are corrected. */
    private List<Task> dueAmong(List<TaskId> ids, Instant dueBefore) {
        List<Task> loaded = storage.load(ids);
        Set<TaskId> found = loaded.stream().map(Task::id).collect(java.util.stream.Collectors.toSet());
        List<Task> due = loaded.stream().filter(task -> UpcomingEntries.isUnclaimedBy(task, dueBefore)).toList();
        List<Task> stale = loaded.stream().filter(task -> !UpcomingEntries.isUnclaimedBy(task, dueBefore)).toList();
        cache.putAll(UpcomingEntries.corrections(stale, ids.stream().filter(id -> !found.contains(id)).toList()));
        return due.stream().sorted(Comparator.comparing(task -> task.nextRunTime().orElseThrow())).toList();
    }

    private void rebuild(BitSet slots) {
        if (slots.isEmpty()) {
            return;
        }
        rebuilding.writeLock().lock();
        try {
            for (BitSet chunk : chunks(slots)) {
                Map<Integer, Map<TaskId, Instant>> bySlot = UpcomingEntries.bySlot(storage.unclaimedNextRuns(chunk));
                chunk.stream().forEach(slot -> cache.rebuild(slot, bySlot.getOrDefault(slot, Map.of())));
            }
        } finally {
            rebuilding.writeLock().unlock();
        }
        nextSweep = Instant.MIN; // other instances' writes may have fallen between snapshot and swap
        LOG.info(() -> "rebuilt the upcoming-fires cache of " + slots.cardinality() + " slots from storage");
    }

    /**
     * {@code slots} in groups of at most {@link #REBUILD_CHUNK}: a rebuild holds the upcoming fires
     * of one group at a time, 1/32 of a million stored tasks' when it rebuilds every slot.
     */
    static List<BitSet> chunks(BitSet slots) {
        List<BitSet> chunks = new ArrayList<>();
        BitSet chunk = new BitSet();
        for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
            chunk.set(slot);
            if (chunk.cardinality() == REBUILD_CHUNK) {
                chunks.add(chunk);
                chunk = new BitSet();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private void cacheFailed(String what, RuntimeException e) {
        boolean first = !rebuildAll;
        rebuildAll = true;
        unusableUntil = clock.instant().plus(sweepInterval);
        nextSweep = Instant.MIN;
        if (first) {
            LOG.log(Level.WARNING, what + " failed; scanning storage until the cache is rebuilt: " + e.getMessage());
        }
    }
}
