package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.TaskId;
import java.util.function.Consumer;

/**
 * Tells every other instance that a task was changed through this one, so that its owner applies
 * the change before the next fire goes out. Best effort: notices published while an instance does
 * not hear them (its server down) are lost, so an instance that is not {@link #hearing} re-checks
 * the stored versions of its claimed fires instead (see {@code ClusterChanges}).
 */
public interface ChangeBroadcast {

    /** A single instance: nobody else to tell. */
    ChangeBroadcast NONE = new ChangeBroadcast() {
        @Override
        public void announce(TaskId taskId) {
        }

        @Override
        public void listen(Consumer<TaskId> onChange) {
        }
    };

    /** Tells the other instances that {@code taskId} changed (returns once the notice is handed to them). */
    void announce(TaskId taskId);

    /** From now on, calls {@code onChange} (on a thread of the broadcast) for every other instance's notice. */
    void listen(Consumer<TaskId> onChange);

    /** Whether this instance hears the other instances' notices right now (false: some may be lost). */
    default boolean hearing() {
        return true;
    }
}
