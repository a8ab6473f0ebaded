package com.coze.timer.coordination;

import java.util.BitSet;
import java.util.OptionalLong;

/**
 * The handover rule between the slots an instance should own (its <em>target</em>, from the latest
 * membership view) and the slots it may fire (<em>active</em>): a slot that joins the target becomes
 * active {@code handoverDelay} later, and a slot that leaves it stays active for half that delay,
 * if it has not come back meanwhile. Both instances see the same view change within a few
 * milliseconds, so the previous owner lets go half a delay before the next one starts: two
 * instances never fire one slot at once (as long as their views are less than half a delay
 * apart), and the previous owner goes on claiming the slot's next fires during the first half,
 * which keeps the gap a moving slot sees short. A slot whose owner has left the members is active
 * at once: that member stopped firing before it left (a graceful stop leaves after the engine
 * stopped; a lost session suspended its owner a third of a session earlier). Every slot counts as
 * gained, with the delay, after {@link #clear()}.
 *
 * <p>Invariant: {@code pending = target \ active} and {@code releasing = active \ target}, each of
 * their slots with the time it changes. Time is passed in (nanoTime-style, compared by
 * difference). Not thread-safe: one thread drives it.
 */
final class SlotAssignment {

    private final long handoverDelayNanos;
    private final BitSet active = new BitSet();
    private final BitSet pending = new BitSet();
    private final BitSet releasing = new BitSet();
    private final long[] changesAtNanos;

    SlotAssignment(int slotCount, long handoverDelayNanos) {
        this.handoverDelayNanos = handoverDelayNanos;
        this.changesAtNanos = new long[slotCount];
    }

    /**
     * Adopts a new target: schedules the release of what left it and the activation of what joined
     * it, except that what joined it from {@code ownedByDeparted} (the slots of members that left)
     * is active at once.
     */
    void retarget(BitSet target, BitSet ownedByDeparted, long nowNanos) {
        pending.and(target); // never active: nothing to hand over
        releasing.andNot(target); // back before its release: stays active
        BitSet lost = (BitSet) active.clone();
        lost.andNot(target);
        lost.andNot(releasing);
        lost.stream().forEach(slot -> changesAtNanos[slot] = nowNanos + handoverDelayNanos / 2);
        releasing.or(lost);
        BitSet gained = (BitSet) target.clone();
        gained.andNot(active);
        gained.andNot(pending);
        BitSet takenOver = (BitSet) gained.clone();
        takenOver.and(ownedByDeparted);
        active.or(takenOver);
        gained.andNot(takenOver);
        gained.stream().forEach(slot -> changesAtNanos[slot] = nowNanos + handoverDelayNanos);
        pending.or(gained);
    }

    /** Activates the pending slots and releases the releasing ones whose time has come. */
    void applyDue(long nowNanos) {
        BitSet activated = due(pending, nowNanos);
        BitSet released = due(releasing, nowNanos);
        pending.andNot(activated);
        active.or(activated);
        releasing.andNot(released);
        active.andNot(released);
    }

    /** When the next slot is activated or released; empty if none is waiting. */
    OptionalLong nextChangeNanos() {
        BitSet waiting = (BitSet) pending.clone();
        waiting.or(releasing);
        return waiting.stream().mapToLong(slot -> changesAtNanos[slot]).reduce((a, b) -> a - b <= 0 ? a : b);
    }

    /** Forgets everything at once: ownership is uncertain. */
    void clear() {
        active.clear();
        pending.clear();
        releasing.clear();
    }

    BitSet active() {
        return (BitSet) active.clone();
    }

    int pendingCount() {
        return pending.cardinality();
    }

    private BitSet due(BitSet waiting, long nowNanos) {
        BitSet due = new BitSet();
        waiting.stream().filter(slot -> nowNanos - changesAtNanos[slot] >= 0).forEach(due::set);
        return due;
    }
}
