package com.coze.timer.application.delivery;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.RedriveDeadLetter;
import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.SecretHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Sends a dead letter's request again through the {@link CallbackSender} (its retries, rate limits
 * and address checks, with the task's own {@code retry} and {@code timeout_ms}, see
 * {@link DeliveryRequests#redrive}) and, when that ends, logs the execution marked {@code redrive}
 * under the failed fire's execution id, then removes the dead letter on success or records the new
 * attempt on failure.
 *
 * <p>A redrive first takes its dead letter ({@link DeadLetters#takeForRedrive}) for the longest its
 * sending can take ({@link Delivery#longestSend}, of the task's settings or else {@code defaults})
 * and a margin: a second redrive meanwhile, on any instance, is refused as a conflict instead of
 * sending again; one whose instance died is possible again once that time has passed.
 *
 * <p>The request starts before {@link #redrive} returns; the rest runs on the sender's completion thread.
 */
public final class RedriveDeadLetterService implements RedriveDeadLetter {

    private static final Logger LOG = Logger.getLogger(RedriveDeadLetterService.class.getName());
    /** Added to the longest sending, for rate-limit waits, a {@code Retry-After} and storing the outcome. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

    private final DeadLetters deadLetters;
    private final DeadLetterAccess access;
    private final CallbackSender sender;
    private final TaskStore tasks;
    private final ExecutionLog log;
    private final Clock clock;
    private final Delivery defaults;

    /** {@code defaults}: the sender's own settings, which a request without the task's follows. */
    public RedriveDeadLetterService(DeadLetters deadLetters, CallbackSender sender, TaskStore tasks, ExecutionLog log, Clock clock,
                                    Delivery defaults) {
        this.deadLetters = deadLetters;
        this.tasks = tasks;
        this.access = new DeadLetterAccess(deadLetters);
        this.sender = sender;
        this.log = log;
        this.clock = clock;
        this.defaults = defaults;
    }

    @Override
    public Result<DeadLetter> redrive(Caller caller, String deadLetterId) {
        return access.find(caller, deadLetterId).flatMap(found -> {
            CallbackRequest request = DeliveryRequests.redrive(found, tasks);
            Instant now = clock.instant();
            Duration lease = request.callback().delivery().orElse(defaults).longestSend().plus(LEASE_MARGIN);
            if (!deadLetters.takeForRedrive(deadLetterId, now, now.plus(lease))) {
                return Result.rejected(Rejection.conflict("dead letter " + deadLetterId + ": a redrive is already in progress"));
            }
            send(found, request);
            return Result.ok(found);
        });
    }

    private void send(DeadLetter deadLetter, CallbackRequest request) {
        try {
            sender.send(request).result().thenAccept(result -> settle(deadLetter, result));
        } catch (RuntimeException e) {
            deadLetters.releaseRedrive(deadLetter.deadLetterId());
            throw e;
        }
    }

    private void settle(DeadLetter deadLetter, CallbackResult result) {
        try {
            log.append(record(deadLetter, result));
            if (result.success()) {
                deadLetters.delete(deadLetter.deadLetterId());
            } else if (result.aborted()) {
                deadLetters.releaseRedrive(deadLetter.deadLetterId());
            } else {
                deadLetters.update(deadLetter.failedAgain(clock.instant(), result.attempts(), result.httpStatus(), result.error()));
            }
            LOG.info("dead letter " + deadLetter.deadLetterId() + " of task " + deadLetter.taskId() + " redriven: "
                    + (result.success() ? "delivered, removed" : result.aborted() ? "aborted, kept" : "failed again, kept"));
        } catch (RuntimeException e) {
            LOG.warning("dead letter " + deadLetter.deadLetterId() + ": the outcome of its redrive could not be stored: " + e.getMessage());
        }
    }

    /** The log record of a redrive; a target that echoes the request finds the secret header values masked in it. */
    private static ExecutionRecord record(DeadLetter deadLetter, CallbackResult result) {
        ExecutionOutcome outcome = ExecutionOutcome.of(result.aborted(), result.success());
        return new ExecutionRecord(0, deadLetter.executionId(), deadLetter.taskId(), deadLetter.userId(), deadLetter.scheduledTime(),
                result.startedAt(), result.durationMs(), result.httpStatus(),
                result.body().map(text -> SecretHeaders.redactIn(text, deadLetter.request().headers())), result.attempts(), outcome,
                result.error(), true);
    }
}
