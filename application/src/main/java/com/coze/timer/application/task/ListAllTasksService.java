package com.coze.timer.application.task;

import com.coze.timer.application.port.in.ListAllTasks;
import com.coze.timer.application.port.in.ListTasksQuery;
import com.coze.timer.application.port.in.TaskPage;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import java.time.Clock;

/** Lists the tasks of all users, a page at a time, for admin callers; others are refused (403). */
public final class ListAllTasksService implements ListAllTasks {

    private final TaskQueries queries;
    private final Clock clock;

    public ListAllTasksService(TaskQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public Result<TaskPage> list(ListTasksQuery query) {
        if (!query.caller().admin()) {
            return Result.rejected(Rejection.forbidden("listing the tasks of all users needs an admin token", null));
        }
        return Result.ok(TaskPages.read(queries, clock, query));
    }
}
