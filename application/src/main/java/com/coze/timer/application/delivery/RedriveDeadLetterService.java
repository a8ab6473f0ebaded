package com.coze.timer.application.delivery;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.RedriveDeadLetter;
import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.SecretHeaders;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Sends a dead letter's request again through the {@link CallbackSender} (its retries, rate limits
 * and address checks) and, when that ends, logs the execution marked {@code redrive} under the
 * failed fire's execution id, then removes the dead letter on success or records the new attempt
 * on failure. The request starts before {@link #redrive} returns; the rest runs on the sender's
 * completion thread.
 */
public final class RedriveDeadLetterService implements RedriveDeadLetter {

    private static final Logger LOG = Logger.getLogger(RedriveDeadLetterService.class.getName());

    private final DeadLetters deadLetters;
    private final DeadLetterAccess access;
    private final CallbackSender sender;
    private final TaskStore tasks;
    private final ExecutionLog log;
    private final Clock clock;

    public RedriveDeadLetterService(DeadLetters deadLetters, CallbackSender sender, TaskStore tasks, ExecutionLog log, Clock clock) {
        this.deadLetters = deadLetters;
        this.tasks = tasks;
        this.access = new DeadLetterAccess(deadLetters);
        this.sender = sender;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Result<DeadLetter> redrive(Caller caller, String deadLetterId) {
        return access.find(caller, deadLetterId).map(found -> {
            sender.send(DeliveryRequests.redrive(found, tasks)).result().thenAccept(result -> settle(found, result));
            return found;
        });
    }

    private void settle(DeadLetter deadLetter, CallbackResult result) {
        try {
            log.append(record(deadLetter, result));
            if (result.success()) {
                deadLetters.delete(deadLetter.deadLetterId());
            } else if (!result.aborted()) {
                deadLetters.update(deadLetter.failedAgain(clock.instant(), result.attempts(), result.httpStatus(), result.error()));
            }
            LOG.info("dead letter " + deadLetter.deadLetterId() + " of task " + deadLetter.taskId() + " redriven: "
                    + (result.success() ? "delivered, removed" : "failed again, kept"));
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
