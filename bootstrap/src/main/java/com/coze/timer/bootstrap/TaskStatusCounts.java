package com.coze.timer.bootstrap;

import com.coze.timer.application.jobs.RepeatingJob;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tasks by status for the {@code timer_tasks} gauges: counted every {@code every} on a job of its
 * own, whether or not anything scrapes, so that a scrape costs no query and the status changes that
 * storage folds at each count (V17) never pile up. While the database cannot be read the gauges
 * show NaN — "unknown", not a made-up zero.
 *
 * <p>Threading: the job's thread alone counts; any thread reads the latest counts (a volatile map).
 */
final class TaskStatusCounts {

    private static final Logger LOG = Logger.getLogger(TaskStatusCounts.class.getName());

    private final TaskQueries queries;
    private volatile Map<TaskStatus, Long> counts = Map.of();

    TaskStatusCounts(TaskQueries queries) {
        this.queries = queries;
    }

    /** Counts at once, then every {@code every} until the job is closed. */
    RepeatingJob start(Duration every) {
        return new RepeatingJob("task-status-counts", "counting tasks by status", this::count, every, LOG).start();
    }

    /** The number of tasks in {@code status} at the last count; NaN before the first and after a failed one. */
    double count(TaskStatus status) {
        Long count = counts.get(status);
        return count == null ? Double.NaN : count;
    }

    private boolean count() {
        try {
            counts = queries.countByStatus();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "counting tasks by status failed", e);
            counts = Map.of();
        }
        return false;
    }
}
