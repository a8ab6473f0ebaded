package com.coze.timer.persistence;

import com.coze.timer.domain.task.TaskId;

/**
 * Splits tasks into {@link #SLOT_COUNT} slots, the unit of ownership in cluster mode: an instance
 * owns whole slots and loads only their tasks (index {@code idx_tasks_slot_due}).
 *
 * <p>A task's slot is stored with the task and must never change, so the function is fixed here
 * for good: {@link java.util.UUID#hashCode()} (specified by the JDK, the same on every JVM) modulo
 * the slot count. Changing either would strand every stored task in a wrong slot.
 */
public final class TaskSlots {

    public static final int SLOT_COUNT = 1024;

    private TaskSlots() {
    }

    /** The slot of {@code id}, in {@code [0, SLOT_COUNT)}. */
    public static int slotOf(TaskId id) {
        return Math.floorMod(id.value().hashCode(), SLOT_COUNT);
    }
}
