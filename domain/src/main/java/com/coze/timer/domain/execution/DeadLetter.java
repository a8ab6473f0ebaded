package com.coze.timer.domain.execution;

import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fire that finally failed (its retries exhausted, or a 4xx that is not retried), kept so that it
 * can be looked at and sent again: {@code request} is the request as that fire sent it, and a
 * redrive sends it again with the same {@code executionId}. {@code failedAt}, {@code attempts},
 * {@code httpStatus} and {@code error} describe the latest attempt (a failed redrive replaces them).
 */
public record DeadLetter(
        String deadLetterId,
        TaskId taskId,
        long userId,
        String executionId,
        Instant scheduledTime,
        Instant failedAt,
        int attempts,
        OptionalInt httpStatus,
        Optional<String> error,
        Callback request) {

    public DeadLetter {
        Objects.requireNonNull(deadLetterId, "deadLetterId");
        Objects.requireNonNull(request, "request");
    }

    /** The same dead letter after another failed attempt. */
    public DeadLetter failedAgain(Instant at, int newAttempts, OptionalInt newStatus, Optional<String> newError) {
        return new DeadLetter(deadLetterId, taskId, userId, executionId, scheduledTime, at, newAttempts, newStatus, newError, request);
    }
}
