package com.coze.timer.application.port.out;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.domain.task.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only views over many tasks, for listings and quotas. */
public interface TaskQueries {

    /**
     * The tasks that pass {@code filter}, in the order of {@link TaskCursor#NEWEST_FIRST}: at most
     * {@code limit} of them, after skipping {@code offset}, from just after {@code after} if given,
     * each as a listing shows it, with its latest execution.
     */
    List<TaskSummary> list(TaskFilter filter, Optional<TaskCursor> after, int limit, int offset);

    /** How many tasks pass {@code filter}. */
    long count(TaskFilter filter);

    /** How many of a user's tasks have not ended (pending or running), for the quota. */
    long countActiveByUser(long userId);

    /**
     * How many tasks there are in each status, over all users (for the {@code timer_tasks} gauge);
     * every status is present, with 0 when no task has it.
     */
    Map<TaskStatus, Long> countByStatus();
}
