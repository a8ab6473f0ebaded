package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.TaskId;
import java.util.BitSet;

/**
 * The stored slots this instance may fire now, kept current from {@link SlotOwnership}: read on
 * every dispatch, so it is a volatile snapshot rather than a call to the ownership each time.
 */
final class OwnedSlots {

    private final SlotOwnership ownership;
    private volatile BitSet stored;

    OwnedSlots(SlotOwnership ownership) {
        this.ownership = ownership;
        update(ownership.ownedSlots());
    }

    /** Takes a new set of owned ownership slots. */
    void update(BitSet owned) {
        stored = Slots.storedSlotsOf(owned, ownership.slotCount());
    }

    /** The stored slots owned now (a copy). */
    BitSet stored() {
        return (BitSet) stored.clone();
    }

    boolean isEmpty() {
        return stored.isEmpty();
    }

    boolean owns(TaskId id) {
        return stored.get(Slots.of(id));
    }
}
