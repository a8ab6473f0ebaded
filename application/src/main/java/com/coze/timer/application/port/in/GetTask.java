package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;

/** Shows one task. */
public interface GetTask {
    Result<TaskView> get(Caller caller, String taskId);
}
