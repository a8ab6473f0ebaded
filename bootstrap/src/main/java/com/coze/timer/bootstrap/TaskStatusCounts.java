package com.coze.timer.bootstrap;

import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tasks by status for the {@code timer_tasks} gauges: one query for all statuses, kept for
 * {@code maxAge} so that a scrape (five gauges, maybe several scrapers) costs at most one query.
 * While the database cannot be read the gauges show NaN — "unknown", not a made-up zero.
 */
final class TaskStatusCounts {

    private static final Logger LOG = Logger.getLogger(TaskStatusCounts.class.getName());

    private final TaskQueries queries;
    private final long maxAgeNanos;
    private Map<TaskStatus, Long> counts = Map.of();
    private long readAtNanos;
    private boolean read;

    TaskStatusCounts(TaskQueries queries, Duration maxAge) {
        this.queries = queries;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The number of tasks in {@code status}, at most {@code maxAge} old; NaN if the last read failed. */
    synchronized double count(TaskStatus status) {
        long now = System.nanoTime();
        if (!read || now - readAtNanos >= maxAgeNanos) {
            counts = readCounts();
            readAtNanos = now;
            read = true;
        }
        Long count = counts.get(status);
        return count == null ? Double.NaN : count;
    }

    private Map<TaskStatus, Long> readCounts() {
        try {
            return queries.countByStatus();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "counting tasks by status failed", e);
            return Map.of();
        }
    }
}
