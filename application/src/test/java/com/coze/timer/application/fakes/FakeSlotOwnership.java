package com.coze.timer.application.fakes;

import com.coze.timer.application.port.out.Fence;
import com.coze.timer.application.port.out.SlotOwnership;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Slot ownership that a test moves by hand: which slots, how sure, who is alive. */
public final class FakeSlotOwnership implements SlotOwnership {

    private final int slotCount;
    private final String memberId;
    private final List<Consumer<BitSet>> listeners = new ArrayList<>();
    private BitSet owned = new BitSet();
    private boolean certain = true;
    private int session;
    private Set<String> live;

    public FakeSlotOwnership(int slotCount, String memberId) {
        this.slotCount = slotCount;
        this.memberId = memberId;
        this.live = Set.of(memberId);
    }

    /** Owns {@code slots} from now on, and tells the listeners. */
    public void own(BitSet slots) {
        owned = (BitSet) slots.clone();
        listeners.forEach(listener -> listener.accept(ownedSlots()));
    }

    /** Loses (or regains) certainty, as a suspended (or reconnected) session would. */
    public void certain(boolean value) {
        certain = value;
        listeners.forEach(listener -> listener.accept(ownedSlots()));
    }

    /**
     * The session expired while this instance did not notice (paused, say) and a new one began: its
     * slots are the same, and it is certain again, but fences taken before no longer hold. The
     * listeners are not told, as a paused process learns of it only late.
     */
    public void replaceSession() {
        session++;
    }

    public void live(Set<String> members) {
        live = members;
    }

    @Override
    public int slotCount() {
        return slotCount;
    }

    @Override
    public BitSet ownedSlots() {
        return certain ? (BitSet) owned.clone() : new BitSet();
    }

    @Override
    public void onChange(Consumer<BitSet> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean isCertain() {
        return certain;
    }

    @Override
    public Fence fence() {
        int taken = session;
        return () -> certain && session == taken;
    }

    @Override
    public String memberId() {
        return memberId;
    }

    @Override
    public Set<String> liveMembers() {
        return live;
    }
}
