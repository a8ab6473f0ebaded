package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.Fence;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.util.Optional;

/**
 * What other threads ask of the wheel thread, through the {@link EngineInbox}. Immutable; a
 * command refers to a {@link TrackedFire} only to hand it back to the wheel thread, which alone
 * reads or changes it.
 */
sealed interface EngineCommand {

    /** The refill thread stored this claim, written under {@code fence}: put it on the wheel. */
    record Place(Task claimed, Fence fence) implements EngineCommand {
    }

    /** The task was created or changed through the API (modified, paused, resumed, run), as stored. */
    record Changed(Task task) implements EngineCommand {
    }

    /** The task was cancelled or deleted: drop its fire and abort its call in flight. */
    record Withdrawn(TaskId taskId) implements EngineCommand {
    }

    /** The owned slots changed ({@link OwnedSlots} already holds the new ones). */
    record OwnershipMoved() implements EngineCommand {
    }

    /** A fire's call ended. */
    record OutcomeArrived(TrackedFire fire, CallbackResult result) implements EngineCommand {
    }

    /** The outcome writer stored a fire's outcome: {@code stored} is the task as written, if it was. */
    record Settled(TrackedFire fire, Optional<Task> stored) implements EngineCommand {
    }

    /** Shutting down: hand back every fire not sent yet and send no more. */
    record Stop() implements EngineCommand {
    }

    /** Shutting down after the grace period: abort every call still in flight. */
    record AbortAll() implements EngineCommand {
    }
}
