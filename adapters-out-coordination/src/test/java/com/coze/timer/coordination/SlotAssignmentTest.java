package com.coze.timer.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SlotAssignmentTest {

    private static final long DELAY = 2_000;
    private static final BitSet NONE_LEFT = new BitSet();
    private final SlotAssignment assignment = new SlotAssignment(8, DELAY);

    @Test
    void gainedSlotsBecomeActiveOnlyAfterTheHandoverDelay() {
        assignment.retarget(Slots.of(1, 2), NONE_LEFT, 100);
        assignment.applyDue(100 + DELAY - 1);
        assertThat(assignment.active()).isEqualTo(new BitSet());
        assertThat(assignment.nextChangeNanos()).hasValue(100 + DELAY);

        assignment.applyDue(100 + DELAY);
        assertThat(assignment.active()).isEqualTo(Slots.of(1, 2));
        assertThat(assignment.nextChangeNanos()).isEmpty();
    }

    @Test
    void lostSlotsStayActiveForHalfTheDelayAndKeptSlotsStayActive() {
        assignment.retarget(Slots.of(1, 2), NONE_LEFT, 0);
        assignment.applyDue(DELAY);

        assignment.retarget(Slots.of(2, 3), NONE_LEFT, DELAY + 1);
        assertThat(assignment.active()).isEqualTo(Slots.of(1, 2));
        assertThat(assignment.pendingCount()).isEqualTo(1);
        assertThat(assignment.nextChangeNanos()).hasValue(DELAY + 1 + DELAY / 2);

        assignment.applyDue(DELAY + DELAY / 2);
        assertThat(assignment.active()).isEqualTo(Slots.of(1, 2));
        assignment.applyDue(DELAY + 1 + DELAY / 2);
        assertThat(assignment.active()).isEqualTo(Slots.of(2));
    }

    @Test
    void theNextOwnerStartsHalfADelayAfterThePreviousOneLetGo() {
        SlotAssignment previous = new SlotAssignment(8, DELAY);
        previous.retarget(Slots.of(5), NONE_LEFT, 0);
        previous.applyDue(DELAY);
        long viewChange = 10 * DELAY;

        previous.retarget(new BitSet(), NONE_LEFT, viewChange);
        assignment.retarget(Slots.of(5), NONE_LEFT, viewChange);

        for (long now = viewChange; now <= viewChange + DELAY; now += DELAY / 10) {
            previous.applyDue(now);
            assignment.applyDue(now);
            BitSet both = previous.active();
            both.and(assignment.active());
            assertThat(both.isEmpty()).as("owned twice at %d", now).isTrue();
        }
        assertThat(assignment.active()).isEqualTo(Slots.of(5));
    }

    @Test
    void theSlotsOfADepartedMemberAreActiveAtOnceAndTheOthersAfterTheDelay() {
        assignment.retarget(Slots.of(1), NONE_LEFT, 0);
        assignment.applyDue(DELAY);

        assignment.retarget(Slots.of(1, 2, 3), Slots.of(2, 5), DELAY + 1);

        assertThat(assignment.active()).as("slot 2 was a departed member's").isEqualTo(Slots.of(1, 2));
        assertThat(assignment.pendingCount()).isEqualTo(1);
        assignment.applyDue(DELAY * 2 + 1);
        assertThat(assignment.active()).isEqualTo(Slots.of(1, 2, 3));
    }

    @Test
    void aSlotBackBeforeItsReleaseStaysActive() {
        assignment.retarget(Slots.of(1), NONE_LEFT, 0);
        assignment.applyDue(DELAY);
        assignment.retarget(new BitSet(), NONE_LEFT, DELAY);
        assignment.retarget(Slots.of(1), NONE_LEFT, DELAY + 10);
        assignment.applyDue(DELAY * 5);
        assertThat(assignment.active()).isEqualTo(Slots.of(1));
        assertThat(assignment.nextChangeNanos()).isEmpty();
    }

    @Test
    void aSlotLostWhilePendingNeverBecomesActive() {
        assignment.retarget(Slots.of(1, 2), NONE_LEFT, 0);
        assignment.retarget(Slots.of(2), NONE_LEFT, 10);
        assignment.applyDue(DELAY * 2);
        assertThat(assignment.active()).isEqualTo(Slots.of(2));
    }

    @Test
    void aSlotRegainedAfterItsReleaseStartsItsDelayAgain() {
        assignment.retarget(Slots.of(1), NONE_LEFT, 0);
        assignment.applyDue(DELAY);
        assignment.retarget(new BitSet(), NONE_LEFT, DELAY);
        assignment.applyDue(DELAY + DELAY / 2);
        assignment.retarget(Slots.of(1), NONE_LEFT, DELAY * 2);
        assignment.applyDue(DELAY * 3 - 1);
        assertThat(assignment.active()).isEqualTo(new BitSet());
        assignment.applyDue(DELAY * 3);
        assertThat(assignment.active()).isEqualTo(Slots.of(1));
    }

    @Test
    void clearForgetsActivePendingAndReleasingSlotsAtOnce() {
        assignment.retarget(Slots.of(1, 3), NONE_LEFT, 0);
        assignment.applyDue(DELAY);
        assignment.retarget(Slots.of(1, 2), NONE_LEFT, DELAY);

        assignment.clear();
        assertThat(assignment.active()).isEqualTo(new BitSet());
        assignment.applyDue(DELAY * 3);

        assertThat(assignment.active()).isEqualTo(new BitSet());
        assertThat(assignment.nextChangeNanos()).isEmpty();
    }

    @Test
    void timeIsComparedByDifferenceSoNanoTimeMayWrap() {
        long nearWrap = Long.MAX_VALUE - 10;
        assignment.retarget(Slots.of(4), NONE_LEFT, nearWrap);
        assignment.applyDue(nearWrap + DELAY - 1);
        assertThat(assignment.active()).isEqualTo(new BitSet());
        assignment.applyDue(nearWrap + DELAY);
        assertThat(assignment.active()).isEqualTo(Slots.of(4));
    }
}
