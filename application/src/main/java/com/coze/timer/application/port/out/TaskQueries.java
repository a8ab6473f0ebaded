package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only views over many tasks, for listings and quotas. */
public interface TaskQueries {

    /** A user's tasks, newest first, optionally of one status. */
    List<Task> listByUser(long userId, Optional<TaskStatus> status, int limit, int offset);

    /** How many tasks a user has, optionally of one status. */
    long countByUser(long userId, Optional<TaskStatus> status);

    /** How many of a user's tasks have not ended (pending or running), for the quota. */
    long countActiveByUser(long userId);

    /**
     * How many tasks there are in each status, over all users (for the {@code timer_tasks} gauge);
     * every status is present, with 0 when no task has it.
     */
    Map<TaskStatus, Long> countByStatus();
}
