package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.List;

/** Bounded deletes from the execution log, each small enough never to hold storage up for long. */
public interface LogPurging {

    /** Deletes up to {@code limit} records created before {@code cutoff}; returns how many. */
    int purgeCreatedBefore(Instant cutoff, int limit);

    /** Tasks with more than {@code maxPerTask} records (at most {@code limit} of them). */
    List<TaskId> tasksOver(int maxPerTask, int limit);

    /** Deletes up to {@code limit} of the oldest records of {@code taskId} beyond its newest {@code keep}; returns how many. */
    int purgeBeyond(TaskId taskId, int keep, int limit);
}
