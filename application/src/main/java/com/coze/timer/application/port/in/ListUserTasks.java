package com.coze.timer.application.port.in;

import com.coze.timer.domain.Result;

/** Lists one user's tasks: the filter names the user, whom the caller must be or act for. */
public interface ListUserTasks {
    Result<TaskPage> list(ListTasksQuery query);
}
