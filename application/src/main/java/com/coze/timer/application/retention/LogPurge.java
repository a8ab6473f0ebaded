package com.coze.timer.application.retention;

import com.coze.timer.application.jobs.RepeatingJob;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.application.port.out.DeliveryMetrics;
import com.coze.timer.application.port.out.LogPurging;
import com.coze.timer.domain.task.TaskId;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * Keeps the execution log and the dead letters within their bounds ({@link RetentionSettings}):
 * records older than the retention, records of a task beyond its newest {@code maxLogsPerTask},
 * dead letters older than theirs. It never stalls firing: it runs on its own thread and its own
 * pooled connection, deletes in small {@code LIMIT}ed batches (each its own short transaction) and
 * pauses between batches, so that the outcome writer's transactions wait for a lock at most the
 * length of one small delete.
 *
 * <p>Threading: {@link #start} starts its {@link RepeatingJob}, whose thread alone purges (or the
 * caller of {@link #purgeOnce}, in a test); {@link #close} may be called from any thread.
 */
public final class LogPurge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogPurge.class.getName());
    /** Tasks over the cap handled per round; the rest wait for the next one. */
    private static final int TASKS_PER_ROUND = 200;

    private final LogPurging log;
    private final DeadLetters deadLetters;
    private final DeliveryMetrics metrics;
    private final RetentionSettings settings;
    private final Clock clock;
    private final RepeatingJob job;

    public LogPurge(LogPurging log, DeadLetters deadLetters, DeliveryMetrics metrics, RetentionSettings settings, Clock clock) {
        this.log = log;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.job = new RepeatingJob("timer-log-purge", "purging the execution log", () -> {
            purgeOnce();
            return false;
        }, settings.interval(), LOG);
    }

    public LogPurge start() {
        if (settings.purges()) {
            job.start();
        }
        return this;
    }

    /** One round: every bound applied until nothing is over it. Returns the execution records purged. */
    public long purgeOnce() throws InterruptedException {
        Instant now = clock.instant();
        long purged = 0;
        if (settings.logs().isPresent()) {
            Instant cutoff = now.minus(settings.logs().get());
            purged += inBatches(() -> log.purgeCreatedBefore(cutoff, settings.batchSize()), true);
        }
        if (settings.maxLogsPerTask().isPresent()) {
            int keep = settings.maxLogsPerTask().getAsInt();
            for (TaskId task : log.tasksOver(keep, TASKS_PER_ROUND)) {
                purged += inBatches(() -> log.purgeBeyond(task, keep, settings.batchSize()), true);
            }
        }
        if (settings.deadLetters().isPresent()) {
            Instant cutoff = now.minus(settings.deadLetters().get());
            inBatches(() -> deadLetters.purgeFailedBefore(cutoff, settings.batchSize()), false);
        }
        return purged;
    }

    /** Runs {@code batch} until it deletes less than a full batch, pausing between batches. */
    private long inBatches(IntSupplier batch, boolean logRows) throws InterruptedException {
        long total = 0;
        while (true) {
            int deleted = batch.getAsInt();
            total += deleted;
            if (logRows && deleted > 0) {
                metrics.logsPurged(deleted);
            }
            if (deleted < settings.batchSize()) {
                break;
            }
            Thread.sleep(settings.pause());
        }
        return total;
    }

    @Override
    public void close() {
        job.close();
    }
}
