package com.coze.timer.coordination;

import java.util.BitSet;
import java.util.OptionalLong;

/**
 * The handover rule between the slots an instance should own (its <em>target</em>, from the latest
 * membership view) and the slots it may fire (<em>active</em>): a slot that leaves the target stops
 * being active at once, and a slot that joins it becomes active only {@code handoverDelay} later,
 * if it is still in the target then. The previous owner thus has that long to see the same change
 * and drop the slot before this instance starts on it.
 *
 * <p>Invariant: {@code active ⊆ target} and {@code pending = target \ active}, each pending slot
 * with the time it becomes active. Time is passed in (nanoTime-style, compared by difference).
 * Not thread-safe: one thread drives it.
 */
final class SlotAssignment {

    private final long handoverDelayNanos;
    private final BitSet active = new BitSet();
    private final BitSet pending = new BitSet();
    private final long[] activeFromNanos;

    SlotAssignment(int slotCount, long handoverDelayNanos) {
        this.handoverDelayNanos = handoverDelayNanos;
        this.activeFromNanos = new long[slotCount];
    }

    /** Adopts a new target: drops what left it now, schedules what joined it. */
    void retarget(BitSet target, long nowNanos) {
        active.and(target);
        pending.and(target);
        BitSet gained = (BitSet) target.clone();
        gained.andNot(active);
        gained.andNot(pending);
        gained.stream().forEach(slot -> activeFromNanos[slot] = nowNanos + handoverDelayNanos);
        pending.or(gained);
    }

    /** Makes active the pending slots whose handover delay has passed. */
    void activateDue(long nowNanos) {
        BitSet due = new BitSet();
        pending.stream().filter(slot -> nowNanos - activeFromNanos[slot] >= 0).forEach(due::set);
        pending.andNot(due);
        active.or(due);
    }

    /** When the next pending slot becomes active; empty if none is pending. */
    OptionalLong nextActivationNanos() {
        return pending.stream().mapToLong(slot -> activeFromNanos[slot])
                .reduce((a, b) -> a - b <= 0 ? a : b);
    }

    /** Forgets everything: ownership is uncertain. */
    void clear() {
        active.clear();
        pending.clear();
    }

    BitSet active() {
        return (BitSet) active.clone();
    }

    int pendingCount() {
        return pending.cardinality();
    }
}
