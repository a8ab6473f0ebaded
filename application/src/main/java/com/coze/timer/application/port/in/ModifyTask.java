package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;

/** Changes a task that has not ended; its next fire is recomputed when the schedule changes. */
public interface ModifyTask {
    Result<Task> modify(Caller caller, String taskId, TaskPatch patch);
}
