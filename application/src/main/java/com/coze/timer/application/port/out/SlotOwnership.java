package com.coze.timer.application.port.out;

import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which of the fixed number of task slots this instance fires. A task belongs to slot
 * {@code slotOf(taskId)}; every slot is owned by exactly one live instance, and slots move when
 * instances join or leave. While an instance is not sure of its slots (its coordination session is
 * suspended) it owns none, so it fires nothing rather than risk firing what another now owns.
 */
public interface SlotOwnership {

    /** How many slots tasks are hashed into; the same on every instance. */
    int slotCount();

    /** The slots owned now (a copy); empty while ownership is uncertain. */
    BitSet ownedSlots();

    /** Calls {@code listener} with the new owned slots whenever they change. */
    void onChange(Consumer<BitSet> listener);

    /**
     * Whether this instance is sure of its membership now (its coordination session is up). An
     * instance that is not fires nothing, not even fires it has already claimed.
     */
    default boolean isCertain() {
        return true;
    }

    /**
     * A fence for the claims about to be written: it holds while they cannot have been taken over by
     * another instance. Closed when taken while not {@link #isCertain() certain}.
     */
    default Fence fence() {
        return isCertain() ? Fence.OPEN : Fence.CLOSED;
    }

    /** This instance's name among the members; recorded as the owner of the fires it claims. */
    default String memberId() {
        return "embedded";
    }

    /** The members alive now, this one included: claims of any other owner are orphans. */
    default Set<String> liveMembers() {
        return Set.of(memberId());
    }

    /**
     * How many slots each live member fires by the latest membership view, this one included; a
     * slot being handed over counts for its new owner.
     */
    default Map<String, Integer> slotsPerMember() {
        return Map.of(memberId(), slotCount());
    }

    /** Every slot, always, as member "embedded". */
    static SlotOwnership everything(int slotCount) {
        return everything(slotCount, "embedded");
    }

    /**
     * Every slot, always: the single instance of embedded mode, as {@code memberId}. A name of its
     * own per run makes the claims a crashed run left behind orphans of a departed member, taken
     * over at once by the next run.
     */
    static SlotOwnership everything(int slotCount, String memberId) {
        BitSet all = new BitSet(slotCount);
        all.set(0, slotCount);
        return new SlotOwnership() {
            @Override
            public int slotCount() {
                return slotCount;
            }

            @Override
            public String memberId() {
                return memberId;
            }

            @Override
            public BitSet ownedSlots() {
                return (BitSet) all.clone();
            }

            @Override
            public void onChange(Consumer<BitSet> listener) {
                // Never changes.
            }
        };
    }
}
