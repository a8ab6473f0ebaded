package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;

/**
 * Tells whoever fires tasks that a task's next fire changed, so that a change inside the loaded
 * window takes effect at once instead of at the next refill.
 */
public interface ScheduleChanges {

    ScheduleChanges NONE = new ScheduleChanges() {
        @Override
        public void scheduled(Task task) {
        }

        @Override
        public void unscheduled(TaskId taskId) {
        }
    };

    /** The task (new or changed) now fires next at {@code task.nextRunTime()}. */
    void scheduled(Task task);

    /** The task fires no more (cancelled or deleted): drop it and abort its call in flight. */
    void unscheduled(TaskId taskId);
}
