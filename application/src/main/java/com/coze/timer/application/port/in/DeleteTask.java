package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.TaskId;

/** Removes a task and its execution history. */
public interface DeleteTask {
    Result<TaskId> delete(Caller caller, String taskId);
}
