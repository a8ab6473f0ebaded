package com.coze.timer.application.fakes;

import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every change it is told of, in order, for tests to look at. */
public final class RecordingScheduleChanges implements ScheduleChanges {

    private final List<Task> scheduled = new CopyOnWriteArrayList<>();
    private final List<TaskId> unscheduled = new CopyOnWriteArrayList<>();

    @Override
    public void scheduled(Task task) {
        scheduled.add(task);
    }

    @Override
    public void unscheduled(TaskId taskId) {
        unscheduled.add(taskId);
    }

    /** The tasks announced as (re)scheduled, oldest first. */
    public List<Task> scheduled() {
        return List.copyOf(scheduled);
    }

    /** The tasks announced as no longer firing, oldest first. */
    public List<TaskId> unscheduled() {
        return List.copyOf(unscheduled);
    }

    public void clear() {
        scheduled.clear();
        unscheduled.clear();
    }
}
