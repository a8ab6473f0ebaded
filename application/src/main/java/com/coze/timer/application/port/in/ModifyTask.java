package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;

/** Changes a task that has not ended; its next fire is recomputed when the schedule changes. */
public interface ModifyTask {
    Result<Task> modify(Caller caller, String taskId, TaskPatch patch);

    /**
     * Gives the task a new signing secret; callbacks are signed with the old one too for
     * {@link com.coze.timer.domain.task.Signing#OVERLAP}.
     */
    Result<Task> rotateSigningSecret(Caller caller, String taskId);
}
