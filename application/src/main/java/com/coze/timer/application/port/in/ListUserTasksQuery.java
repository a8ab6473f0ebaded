package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.task.TaskStatus;
import java.util.Objects;
import java.util.Optional;

/** A page of one user's tasks, optionally of one status. */
public record ListUserTasksQuery(Caller caller, long userId, Optional<TaskStatus> status, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public ListUserTasksQuery {
        Objects.requireNonNull(caller, "caller");
        status = status == null ? Optional.empty() : status;
        InvalidArgument.require(limit >= 1 && limit <= MAX_LIMIT, "limit", "limit must be between 1 and " + MAX_LIMIT);
        InvalidArgument.require(offset >= 0, "offset", "offset must be >= 0");
    }
}
