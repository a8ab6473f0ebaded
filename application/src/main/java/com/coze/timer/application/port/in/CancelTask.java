package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;

/** Stops a task for good, aborting its call in flight; the task and its history are kept. */
public interface CancelTask {
    Result<Task> cancel(Caller caller, String taskId);
}
