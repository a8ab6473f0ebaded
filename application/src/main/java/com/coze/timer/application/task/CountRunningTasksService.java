package com.coze.timer.application.task;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.CountRunningTasks;
import com.coze.timer.application.port.in.RunningCount;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Counts a user's running tasks. */
public final class CountRunningTasksService implements CountRunningTasks {

    private final TaskQueries queries;
    private final Clock clock;

    public CountRunningTasksService(TaskQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public Result<RunningCount> count(Caller caller, long userId) {
        return TaskAccess.requireMayActFor(caller, userId).map(ok -> new RunningCount(userId,
                queries.count(TaskFilter.ofUser(userId, Optional.of(TaskStatus.RUNNING))), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }
}
