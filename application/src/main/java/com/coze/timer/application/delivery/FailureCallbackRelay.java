package com.coze.timer.application.delivery;

import com.coze.timer.application.jobs.RepeatingJob;
import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.DeliveryMetrics;
import com.coze.timer.application.port.out.FailureNotice;
import com.coze.timer.application.port.out.FailureOutbox;
import com.coze.timer.application.port.out.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Sends the failure callbacks of the outbox: claims due notices (for a lease longer than any send,
 * retries included), sends them through the {@link CallbackSender} (its retries, rate limits and
 * address checks), and removes each once its sending ended, delivered or failed for good. A relay
 * that dies between claim and removal leaves its notices to be claimed again after the lease, by
 * any instance, and sent with the same id: at least once, never under two ids.
 *
 * <p>Threading: {@link #start} starts its {@link RepeatingJob}, whose thread alone relays; {@link #close}
 * may be called from any thread.
 */
public final class FailureCallbackRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FailureCallbackRelay.class.getName());
    private static final int BATCH = 50;

    private final FailureOutbox outbox;
    private final CallbackSender sender;
    private final TaskStore tasks;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final RepeatingJob job;

    public FailureCallbackRelay(FailureOutbox outbox, CallbackSender sender, TaskStore tasks, DeliveryMetrics metrics, Clock clock,
                                String owner, Duration lease, Duration pollInterval) {
        this.outbox = outbox;
        this.sender = sender;
        this.tasks = tasks;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        this.job = new RepeatingJob("timer-failure-callbacks", "relaying failure callbacks", () -> relayOnce() > 0, pollInterval, LOG);
    }

    public FailureCallbackRelay start() {
        job.start();
        return this;
    }

    /** Claims and sends one batch; returns how many notices it claimed. Called by the relay thread (or a test). */
    public int relayOnce() {
        Instant now = clock.instant();
        List<FailureNotice> claimed = outbox.claim(owner, now, now.plus(lease), BATCH);
        List<CompletableFuture<Void>> sends = claimed.stream().map(this::send).toList();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        return claimed.size();
    }

    private CompletableFuture<Void> send(FailureNotice notice) {
        return sender.send(DeliveryRequests.failureCallback(notice, tasks)).result().thenAccept(result -> finish(notice, result));
    }

    private void finish(FailureNotice notice, CallbackResult result) {
        if (result.aborted()) {
            return; // shutting down: claimed again after the lease
        }
        if (result.success()) {
            metrics.failureCallbackSent();
        } else {
            metrics.failureCallbackFailed();
            LOG.warning("failure callback " + notice.noticeId() + " of task " + notice.taskId() + " execution "
                    + notice.executionId() + " to " + notice.target() + " failed after " + result.attempts() + " attempts: "
                    + result.error().orElse("HTTP " + result.httpStatus()));
        }
        outbox.done(notice.noticeId());
    }

    @Override
    public void close() {
        job.close();
    }
}
