package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.Fence;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLock;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.MisfireRule;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How the engine claims fires: which are due (inside the window, in an owned slot), the lease a
 * claim gets, and which claims of others it may take over. Claims are only computed here; the
 * engine writes them, and the store's version check decides which win.
 */
final class Claims {

    private final EngineSettings settings;
    private final MisfireRule misfires;
    private final FireLedger ledger;
    private final FireLock fireLock;
    private final SlotOwnership ownership;
    private final OwnedSlots owned;
    private Set<String> ownersChecked = Set.of();
    private BitSet slotsChecked = new BitSet();
    /**
     * True from the start: claims recorded under this member's id that this run does not track were
     * left by an earlier run of it (a stop whose hand-back failed, a crash) and fire now, not after
     * their lease. Checked once this instance owns slots.
     */
    private volatile boolean ownClaimsInDoubt = true;

    Claims(EngineSettings settings, MisfireRule misfires, FireLedger ledger, FireLock fireLock, SlotOwnership ownership,
           OwnedSlots owned) {
        this.settings = settings;
        this.misfires = misfires;
        this.ledger = ledger;
        this.fireLock = fireLock;
        this.ownership = ownership;
        this.owned = owned;
    }

    /** The fence of claims written from now on (see {@link SlotOwnership#fence()}). */
    Fence fence() {
        return ownership.fence();
    }

    /** Claims the task's next occurrence under a new execution id. */
    Result<Task> claim(Task task, Instant now) {
        Instant scheduled = task.nextRunTime().orElse(now);
        return task.claimNextFire(UUID.randomUUID().toString(), leaseFor(scheduled, now), now, misfires);
    }

    /** The task with its next fire claimed when that is due within the window in an owned slot; else as it is. */
    Task claimIfDue(Task task, Instant now) {
        boolean claimable = !task.isFinal() && task.pendingFire().isEmpty() && isDue(task, now) && owned.owns(task.id());
        return claimable && claim(task, now) instanceof Result.Ok<Task> claimed ? claimed.value() : task;
    }

    boolean isDue(Task task, Instant now) {
        return task.nextRunTime().map(at -> !at.isAfter(now.plus(settings.window()))).orElse(false);
    }

    /** Takes over an orphaned claim: same execution id, a fresh lease. */
    Result<Task> takeOver(Task orphan, Instant now) {
        return orphan.renewLease(leaseFor(orphan.pendingFire().orElseThrow().scheduledTime(), now), now);
    }

    /**
     * Claims nobody works on any more, in the given slots: those whose lease ran out, and those of
     * members that left — among them a previous run of a single instance, which claimed under a
     * name of its own. The second are asked again only when the members or the slots change (it
     * reads every claim), and until a page comes back short. After {@link #recheckOwnClaims()} this
     * instance's own claims are among them too, one page once (the refill skips those its wheel tracks):
     * taken over like any orphan, with their execution ids, they fire now instead of after their
     * lease. Called by the refill thread only.
     */
    List<Task> orphans(Instant now, BitSet slots, int room) {
        List<Task> orphans = new ArrayList<>(ledger.findExpiredClaims(now, slots, room));
        Set<String> live = ownership.liveMembers();
        int left = room - orphans.size();
        if (left > 0 && !(live.equals(ownersChecked) && slots.equals(slotsChecked))) {
            List<Task> departed = ledger.findClaimsOfDepartedOwners(live, slots, left);
            Set<TaskId> expired = orphans.stream().map(Task::id).collect(Collectors.toSet());
            departed.stream().filter(task -> !expired.contains(task.id())).forEach(orphans::add);
            if (departed.size() < left) {
                ownersChecked = Set.copyOf(live);
                slotsChecked = (BitSet) slots.clone();
            }
        }
        left = room - orphans.size();
        if (left > 0 && ownClaimsInDoubt && !slots.isEmpty()) {
            // Once, before the read: a failure of it, or a doubt raised meanwhile, sets it again. The
            // page holds the earliest claims, so those left behind (due before the failure) are in it
            // unless more than a page of older calls is still in flight; the later, tracked ones
            // would fill any page, so a full one does not ask again.
            ownClaimsInDoubt = false;
            Set<String> others = new HashSet<>(live);
            others.remove(ownership.memberId());
            Set<TaskId> found = orphans.stream().map(Task::id).collect(Collectors.toSet());
            ledger.findClaimsOfDepartedOwners(others, slots, left).stream()
                    .filter(task -> !found.contains(task.id())).forEach(orphans::add);
        }
        return orphans;
    }

    /**
     * Storage may hold claims of this instance that its wheel does not track: a write whose answer
     * was lost (the database died during the commit, so it may have been stored), or an outcome
     * whose stored state turned out other than written. The next refills look for them: see
     * {@link #orphans}. Any thread.
     */
    void recheckOwnClaims() {
        ownClaimsInDoubt = true;
    }

    /** Two instances may both see an orphan: a short lock lets only one try (the version check decides). */
    boolean lockTakeover(Task orphan) {
        try {
            String key = "takeover:" + orphan.pendingFire().orElseThrow().executionId();
            return fireLock.tryLock(key, settings.refillInterval().multipliedBy(10));
        } catch (RuntimeException e) {
            return true; // the lock is only a first guard; without it the version check still decides
        }
    }

    private Instant leaseFor(Instant scheduled, Instant now) {
        return (scheduled.isAfter(now) ? scheduled : now).plus(settings.lease());
    }
}
