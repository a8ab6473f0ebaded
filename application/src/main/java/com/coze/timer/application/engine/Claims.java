package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLock;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.MisfireRule;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
    private volatile boolean leasesTakenOver;

    Claims(EngineSettings settings, MisfireRule misfires, FireLedger ledger, FireLock fireLock, SlotOwnership ownership,
           OwnedSlots owned) {
        this.settings = settings;
        this.misfires = misfires;
        this.ledger = ledger;
        this.fireLock = fireLock;
        this.ownership = ownership;
        this.owned = owned;
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

    /** Claims left by a stopped instance; a single instance takes over all of its own at its first refill. */
    List<Task> orphans(Instant now, BitSet slots, int room) {
        boolean takeAll = settings.exclusive() && !leasesTakenOver;
        List<Task> orphans = ledger.findOrphanedClaims(takeAll ? Instant.MAX : now,
                takeAll ? Set.of() : ownership.liveMembers(), slots, room);
        leasesTakenOver = true;
        return orphans;
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
