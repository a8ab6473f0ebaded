package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotsTest {

    private static final int PINNED = 434;

    @Test
    void aTasksSlotNeverChanges() {
        // Pinned: stored tasks keep their slot, so the function must not change between releases.
        assertThat(Slots.of(new TaskId(UUID.fromString("550e8400-e29b-41d4-a716-446655440000")))).isEqualTo(PINNED);
    }

    @Test
    void everySlotIsInRange() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(Slots.of(TaskId.random())).isBetween(0, Slots.STORED - 1);
        }
    }

    @Test
    void coarseOwnershipSlotsCoverEveryStoredSlotExactlyOnce() {
        int count = 16;
        BitSet union = new BitSet();
        for (int owned = 0; owned < count; owned++) {
            BitSet one = new BitSet();
            one.set(owned);
            BitSet stored = Slots.storedSlotsOf(one, count);
            assertThat(stored.cardinality()).isEqualTo(Slots.STORED / count);
            assertThat(stored.intersects(union)).isFalse();
            union.or(stored);
        }
        assertThat(union.cardinality()).isEqualTo(Slots.STORED);
    }

    @Test
    void onlyDivisorsOfTheStoredSlotsAreValidCounts() {
        assertThat(Slots.isValidCount(256)).isTrue();
        assertThat(Slots.isValidCount(1024)).isTrue();
        assertThat(Slots.isValidCount(1000)).isFalse();
        assertThat(Slots.isValidCount(0)).isFalse();
    }
}
