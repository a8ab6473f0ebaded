package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.task.TaskId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskSlotsTest {

    private static final int PINNED = 434;

    @Test
    void aTasksSlotNeverChanges() {
        // Pinned: stored tasks keep their slot, so the function must not change between releases.
        assertThat(TaskSlots.slotOf(new TaskId(UUID.fromString("550e8400-e29b-41d4-a716-446655440000")))).isEqualTo(PINNED);
    }

    @Test
    void everySlotIsInRange() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(TaskSlots.slotOf(TaskId.random())).isBetween(0, TaskSlots.SLOT_COUNT - 1);
        }
    }
}
