package com.coze.timer.application.port.in;

import com.coze.timer.domain.Result;

/** Lists the tasks of every user (or of the one the filter names): for admin callers only. */
public interface ListAllTasks {
    Result<TaskPage> list(ListTasksQuery query);
}
