package com.coze.timer.application.delivery;

import com.coze.timer.application.jobs.RepeatingJob;
import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.DeliveryMetrics;
import com.coze.timer.application.port.out.FailureNotice;
import com.coze.timer.application.port.out.FailureOutbox;
import com.coze.timer.application.port.out.FailureOutbox.Claimed;
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
 * address checks), and removes each once it is delivered. A sending that failed, all its attempts,
 * puts the notice back, due again after a backoff that doubles with each failed sending (from
 * {@link Settings#backoff} up to {@link Settings#maxBackoff}); once the notice is older than
 * {@link Settings#maxAge} its last failure gives it up: removed, logged and counted. A relay that
 * dies between claim and removal leaves its notices to be claimed again after the lease, by any
 * instance, and sent with the same id: at least once, never under two ids.
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
    private final Settings settings;
    private final RepeatingJob job;

    /**
     * How the relay paces itself: the lease of a claim, how often it looks for due notices, the
     * wait after a first failed sending, the longest wait, and the age after which a notice is given up.
     */
    public record Settings(Duration lease, Duration pollInterval, Duration backoff, Duration maxBackoff, Duration maxAge) {

        /** The wait after the {@code failedRounds}+1-th failed sending. */
        Duration backoffAfter(int failedRounds) {
            Duration wait = backoff;
            for (int i = 0; i < failedRounds && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
        }
    }

    public FailureCallbackRelay(FailureOutbox outbox, CallbackSender sender, TaskStore tasks, DeliveryMetrics metrics, Clock clock,
                                String owner, Settings settings) {
        this.outbox = outbox;
        this.sender = sender;
        this.tasks = tasks;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
        this.settings = settings;
        this.job = new RepeatingJob("timer-failure-callbacks", "relaying failure callbacks", () -> relayOnce() > 0,
                settings.pollInterval(), LOG);
    }

    public FailureCallbackRelay start() {
        job.start();
        return this;
    }

    /** Claims and sends one batch; returns how many notices it claimed. Called by the relay thread (or a test). */
    public int relayOnce() {
        Instant now = clock.instant();
        List<Claimed> claimed = outbox.claim(owner, now, now.plus(settings.lease()), BATCH);
        List<CompletableFuture<Void>> sends = claimed.stream().map(this::send).toList();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        return claimed.size();
    }

    private CompletableFuture<Void> send(Claimed claimed) {
        return sender.send(DeliveryRequests.failureCallback(claimed.notice(), tasks)).result()
                .thenAccept(result -> finish(claimed, result));
    }

    private void finish(Claimed claimed, CallbackResult result) {
        FailureNotice notice = claimed.notice();
        if (result.aborted()) {
            return; // shutting down: claimed again after the lease
        }
        if (result.success()) {
            metrics.failureCallbackSent();
            outbox.done(notice.noticeId());
            return;
        }
        Instant now = clock.instant();
        Instant giveUpAt = claimed.createdAt().plus(settings.maxAge());
        String failure = "failure callback " + notice.noticeId() + " of task " + notice.taskId() + " execution "
                + notice.executionId() + " to " + notice.target() + " failed after " + result.attempts() + " attempts ("
                + result.error().orElse("HTTP " + result.httpStatus().orElse(0)) + ")";
        if (!now.isBefore(giveUpAt)) {
            metrics.failureCallbackFailed();
            LOG.warning(failure + "; given up after " + (claimed.failedRounds() + 1) + " sendings, older than " + settings.maxAge());
            outbox.done(notice.noticeId());
            return;
        }
        Instant next = now.plus(settings.backoffAfter(claimed.failedRounds()));
        Instant dueAt = next.isBefore(giveUpAt) ? next : giveUpAt;
        LOG.warning(failure + "; kept, sent again at " + dueAt);
        outbox.retryAt(notice.noticeId(), dueAt);
    }

    @Override
    public void close() {
        job.close();
    }
}
