package com.coze.timer.domain.execution;

import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one execution of a task did: one fire, however many attempts it took. {@code executionId} is
 * the fire's {@code X-Timer-Execution-Id}, the same on every retry; {@code logId} orders the log and
 * is assigned by the store (0 before it is stored). {@code redrive} marks an execution that sent a
 * dead letter's request again (with the execution id of the fire that failed).
 */
public record ExecutionRecord(
        long logId,
        String executionId,
        TaskId taskId,
        long userId,
        Instant scheduledTime,
        Instant startedAt,
        long durationMs,
        OptionalInt httpStatus,
        Optional<String> responseBody,
        int attempts,
        ExecutionOutcome outcome,
        Optional<String> error,
        boolean redrive) {

    /** The longest response prefix kept in the log. */
    public static final int MAX_RESPONSE_CHARS = 4096;
    /** The longest error text kept in the log. */
    public static final int MAX_ERROR_CHARS = 1024;

    public ExecutionRecord {
        responseBody = responseBody.map(body -> prefix(body, MAX_RESPONSE_CHARS));
        error = error.map(text -> prefix(text, MAX_ERROR_CHARS));
    }

    /** The record of an ordinary fire (not a redrive). */
    public ExecutionRecord(long logId, String executionId, TaskId taskId, long userId, Instant scheduledTime, Instant startedAt,
                           long durationMs, OptionalInt httpStatus, Optional<String> responseBody, int attempts,
                           ExecutionOutcome outcome, Optional<String> error) {
        this(logId, executionId, taskId, userId, scheduledTime, startedAt, durationMs, httpStatus, responseBody, attempts,
                outcome, error, false);
    }

    /** The same record with the log id the store gave it. */
    public ExecutionRecord withLogId(long newLogId) {
        return new ExecutionRecord(newLogId, executionId, taskId, userId, scheduledTime, startedAt, durationMs, httpStatus,
                responseBody, attempts, outcome, error, redrive);
    }

    private static String prefix(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
