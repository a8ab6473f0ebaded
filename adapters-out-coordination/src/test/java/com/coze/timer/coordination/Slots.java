package com.coze.timer.coordination;

import java.util.BitSet;
import java.util.List;

/** Slot sets for tests. */
final class Slots {

    private Slots() {
    }

    static BitSet of(int... slots) {
        BitSet set = new BitSet();
        for (int slot : slots) {
            set.set(slot);
        }
        return set;
    }

    static BitSet all(int slotCount) {
        BitSet set = new BitSet();
        set.set(0, slotCount);
        return set;
    }

    /** True if the sets do not overlap and together hold every slot. */
    static boolean exactlyOnce(List<BitSet> sets, int slotCount) {
        return disjoint(sets) && union(sets).cardinality() == slotCount;
    }

    static boolean disjoint(List<BitSet> sets) {
        return sets.stream().mapToInt(BitSet::cardinality).sum() == union(sets).cardinality();
    }

    static BitSet union(List<BitSet> sets) {
        BitSet union = new BitSet();
        sets.forEach(union::or);
        return union;
    }
}
