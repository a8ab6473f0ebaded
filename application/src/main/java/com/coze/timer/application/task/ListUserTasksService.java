package com.coze.timer.application.task;

import com.coze.timer.application.port.in.ListTasksQuery;
import com.coze.timer.application.port.in.ListUserTasks;
import com.coze.timer.application.port.in.TaskPage;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.Result;
import java.time.Clock;

/** Lists one user's tasks, a page at a time, with the total count of matches. */
public final class ListUserTasksService implements ListUserTasks {

    private final TaskQueries queries;
    private final Clock clock;

    public ListUserTasksService(TaskQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public Result<TaskPage> list(ListTasksQuery query) {
        long userId = query.filter().userId()
                .orElseThrow(() -> new IllegalArgumentException("a user's listing needs the user in its filter"));
        return TaskAccess.requireMayActFor(query.caller(), userId).map(ok -> TaskPages.read(queries, clock, query));
    }
}
