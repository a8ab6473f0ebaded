package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SlotAssignmentTest {

    private static final long DELAY = 2_000;
    private final SlotAssignment assignment = new SlotAssignment(8, DELAY);

    @Test
    void gainedSlotsBecomeActiveOnlyAfterTheHandoverDelay() {
        assignment.retarget(Slots.of(1, 2), 100);
        assignment.activateDue(100 + DELAY - 1);
        assertThat(assignment.active()).isEqualTo(new BitSet());
        assertThat(assignment.nextActivationNanos()).hasValue(100 + DELAY);

        assignment.activateDue(100 + DELAY);
        assertThat(assignment.active()).isEqualTo(Slots.of(1, 2));
        assertThat(assignment.nextActivationNanos()).isEmpty();
    }

    @Test
    void lostSlotsAreDroppedAtOnceAndKeptSlotsStayActive() {
        assignment.retarget(Slots.of(1, 2), 0);
        assignment.activateDue(DELAY);

        assignment.retarget(Slots.of(2, 3), DELAY + 1);

        assertThat(assignment.active()).isEqualTo(Slots.of(2));
        assertThat(assignment.pendingCount()).isEqualTo(1);
    }

    @Test
    void aSlotLostWhilePendingNeverBecomesActive() {
        assignment.retarget(Slots.of(1, 2), 0);
        assignment.retarget(Slots.of(2), 10);
        assignment.activateDue(DELAY * 2);
        assertThat(assignment.active()).isEqualTo(Slots.of(2));
    }

    @Test
    void aSlotRegainedStartsItsDelayAgain() {
        assignment.retarget(Slots.of(1), 0);
        assignment.retarget(new BitSet(), 10);
        assignment.retarget(Slots.of(1), 20);
        assignment.activateDue(DELAY);
        assertThat(assignment.active()).isEqualTo(new BitSet());
        assignment.activateDue(20 + DELAY);
        assertThat(assignment.active()).isEqualTo(Slots.of(1));
    }

    @Test
    void clearForgetsActiveAndPendingSlots() {
        assignment.retarget(Slots.of(1), 0);
        assignment.activateDue(DELAY);
        assignment.retarget(Slots.of(1, 2), DELAY);

        assignment.clear();
        assignment.activateDue(DELAY * 3);

        assertThat(assignment.active()).isEqualTo(new BitSet());
        assertThat(assignment.nextActivationNanos()).isEmpty();
    }

    @Test
    void timeIsComparedByDifferenceSoNanoTimeMayWrap() {
        long nearWrap = Long.MAX_VALUE - 10;
        assignment.retarget(Slots.of(4), nearWrap);
        assignment.activateDue(nearWrap + DELAY - 1);
        assertThat(assignment.active()).isEqualTo(new BitSet());
        assignment.activateDue(nearWrap + DELAY);
        assertThat(assignment.active()).isEqualTo(Slots.of(4));
    }
}
