package com.coze.timer.domain.task;

import java.util.BitSet;

/**
 * Tasks are split into {@link #STORED} slots, the unit of ownership in cluster mode: an instance
 * owns whole slots and loads only their tasks. A task's slot is stored with it and must never
 * change, so the function is fixed for good: {@link java.util.UUID#hashCode()} (specified by the
 * JDK, the same on every JVM) modulo {@link #STORED}.
 *
 * <p>A cluster may hand out fewer, coarser ownership slots (any divisor of {@link #STORED}):
 * ownership slot {@code o} then covers every stored slot {@code s} with {@code s % count == o}.
 */
public final class Slots {

    public static final int STORED = 1024;

    private Slots() {
    }

    /** The stored slot of {@code id}, in {@code [0, STORED)}. */
    public static int of(TaskId id) {
        return Math.floorMod(id.value().hashCode(), STORED);
    }

    /** Whether {@code count} ownership slots can cover the stored slots evenly. */
    public static boolean isValidCount(int count) {
        return count >= 1 && count <= STORED && STORED % count == 0;
    }

    /** The stored slots covered by {@code owned}, a set of {@code count} ownership slots. */
    public static BitSet storedSlotsOf(BitSet owned, int count) {
        BitSet stored = new BitSet(STORED);
        for (int s = 0; s < STORED; s++) {
            if (owned.get(s % count)) {
                stored.set(s);
            }
        }
        return stored;
    }
}
