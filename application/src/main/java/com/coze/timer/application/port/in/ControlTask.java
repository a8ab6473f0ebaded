package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;

/** Pause, resume and "run now": the user's control of a task's firing, short of stopping it. */
public interface ControlTask {

    /** Nothing fires on the task's schedule until it is resumed; a call in flight finishes. */
    Result<Task> pause(Caller caller, String taskId);

    /** The task fires again, from the first occurrence after now on its own grid. */
    Result<Task> resume(Caller caller, String taskId);

    /** One extra fire now, with its own execution id; the next run time does not move. */
    Result<RunTriggered> run(Caller caller, String taskId);

    /** A run asked for: the task with the run claimed, and the run's execution id. */
    record RunTriggered(Task task, String executionId) {
    }
}
