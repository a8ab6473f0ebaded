package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.TaskId;
import java.util.function.Consumer;

/**
 * Tells every other instance that a task was changed through this one, so that its owner applies
 * the change before the next fire goes out. Best effort: a notice lost (its server down) leaves at
 * most the fires already claimed on the owner with the old settings, as the owner re-reads the task
 * when it claims the next one.
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
}
