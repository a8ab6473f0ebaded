package com.coze.timer.application.port.in;

import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.Task;

/** Registers a new task. */
public interface CreateTask {
    Result<Task> create(CreateTaskCommand command);
}
