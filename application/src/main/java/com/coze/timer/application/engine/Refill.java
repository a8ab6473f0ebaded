package com.coze.timer.application.engine;

import com.coze.timer.application.engine.EngineCommand.Place;
import com.coze.timer.application.port.out.Fence;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.StorageUnavailable;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

/**
 * Fills the window: hands back the fires the wheel withdrew, claims the tasks the wheel asked for
 * (changed through the API, due within the window), takes over claims nobody works on any more,
 * and claims the fires due within the window in the owned slots — each a batched, version-guarded
 * write — then posts the stored claims to the wheel.
 *
 * <p>Threading: run by the refill thread only (one refill at a time); it reads the wheel's
 * concurrent view of what is tracked and the queues the wheel fills for it.
 */
final class Refill {

    private final FireLedger ledger;
    private final Claims claims;
    private final OwnedSlots owned;
    private final EngineSettings settings;
    private final Clock clock;
    private final FireWheel wheel;
    private final EngineInbox inbox;
    private final SkipRecorder skips;

    Refill(FireLedger ledger, Claims claims, OwnedSlots owned, EngineSettings settings, Clock clock, FireWheel wheel,
           EngineInbox inbox, SkipRecorder skips) {
        this.skips = skips;
        this.ledger = ledger;
        this.claims = claims;
        this.owned = owned;
        this.settings = settings;
        this.clock = clock;
        this.wheel = wheel;
        this.inbox = inbox;
    }

    /**
     * One refill; returns how many fires were claimed. When storage cannot be reached, its claims
     * may have been stored without this instance knowing: the next refills look for them.
     */
    int run() {
        try {
            return claimAndPlace();
        } catch (StorageUnavailable e) {
            claims.recheckOwnClaims();
            throw e;
        }
    }

    private int claimAndPlace() {
        Fence fence = claims.fence(); // before anything is claimed: a later break of it covers every claim below
        releaseWithdrawn();
        Instant now = clock.instant();
        List<Task> toWrite = new ArrayList<>();
        List<Task> before = new ArrayList<>();
        for (Task task = wheel.toClaim.poll(); task != null; task = wheel.toClaim.poll()) {
            claim(task, now, toWrite, before);
        }
        int room = Math.min(settings.claimBatchSize(), settings.maxTrackedFires() - wheel.size()) - toWrite.size();
        if (room > 0 && !owned.isEmpty()) {
            BitSet slots = owned.stored();
            for (Task orphan : claims.orphans(now, slots, room)) {
                if (!wheel.isTracked(orphan.id()) && claims.lockTakeover(orphan) && ok(claims.takeOver(orphan, now), toWrite)) {
                    before.add(orphan);
                }
            }
            for (Task task : ledger.findDue(now.plus(settings.window()), slots, room - toWrite.size())) {
                if (!wheel.isTracked(task.id())) {
                    claim(task, now, toWrite, before);
                }
            }
        }
        List<Optional<Task>> stored = toWrite.isEmpty() ? List.of() : ledger.writeAll(toWrite);
        stored.forEach(task -> task.ifPresent(claimed -> inbox.post(new Place(claimed, fence))));
        skips.record(before, stored, Skips.Reason.MISFIRE, now);
        return (int) stored.stream().filter(Optional::isPresent).count();
    }

    /** Writes back, unfired, the claims withdrawn since the last refill, so that their new owner can take them at once. */
    void releaseWithdrawn() {
        List<Task> released = drainReleased();
        if (!released.isEmpty()) {
            ledger.writeAll(released);
        }
    }

    /** The withdrawn claims, released, for a last write (on shutdown). */
    List<Task> drainReleased() {
        return drain(wheel.toRelease, clock.instant());
    }

    private static List<Task> drain(Queue<Task> withdrawn, Instant now) {
        List<Task> released = new ArrayList<>();
        for (Task task = withdrawn.poll(); task != null; task = withdrawn.poll()) {
            ok(task.releaseFire(now), released);
        }
        return released;
    }

    private void claim(Task task, Instant now, List<Task> toWrite, List<Task> before) {
        if (ok(claims.claim(task, now), toWrite)) {
            before.add(task);
        }
    }

    private static boolean ok(Result<Task> result, List<Task> into) {
        if (result instanceof Result.Ok<Task> ok) {
            into.add(ok.value());
            return true;
        }
        return false;
    }
}
