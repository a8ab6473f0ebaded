package com.coze.timer.application.port.in;

import com.coze.timer.domain.Result;

/** Lists a user's tasks. */
public interface ListUserTasks {
    Result<TaskPage> list(ListUserTasksQuery query);
}
