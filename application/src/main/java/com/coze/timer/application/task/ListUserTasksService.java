package com.coze.timer.application.task;

import com.coze.timer.application.port.in.ListUserTasks;
import com.coze.timer.application.port.in.ListUserTasksQuery;
import com.coze.timer.application.port.in.TaskPage;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.Result;

/** Lists one user's tasks, a page at a time, with the total count of matches. */
public final class ListUserTasksService implements ListUserTasks {

    private final TaskQueries queries;

    public ListUserTasksService(TaskQueries queries) {
        this.queries = queries;
    }

    @Override
    public Result<TaskPage> list(ListUserTasksQuery q) {
        return TaskAccess.requireMayActFor(q.caller(), q.userId()).map(ok -> new TaskPage(
                queries.listByUser(q.userId(), q.status(), q.limit(), q.offset()),
                queries.countByUser(q.userId(), q.status()), q.limit(), q.offset()));
    }
}
