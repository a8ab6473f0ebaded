package com.coze.timer.application.engine;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.FailureNotice;
import com.coze.timer.application.port.out.FinalFailure;
import com.coze.timer.application.port.out.FireLedger.Completion;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/**
 * The hook where a fire's final failure (retries exhausted, or a 4xx that is not retried) gets its
 * consequences: a {@link DeadLetter}, and a {@link FailureNotice} for the task's failure callback,
 * both attached to the failed outcome so that the ledger stores them in its transaction. Anything
 * else that should follow a final failure belongs here, not in the outcome writer.
 *
 * <p>Stateless; called by the outcome writer thread.
 */
final class FinalFailures {

    /** The longest response body a failure callback carries. */
    static final int MAX_RESPONSE_BODY_CHARS = 2048;

    private FinalFailures() {
    }

    /** {@code completion} with what its fire leaves behind when it finally failed; else as it is. */
    static Completion attach(Completion completion, Task task, Instant now) {
        ExecutionRecord record = completion.record();
        if (record.outcome() != ExecutionOutcome.FAILURE) {
            return completion;
        }
        DeadLetter deadLetter = new DeadLetter(UUID.randomUUID().toString(), record.taskId(), record.userId(), record.executionId(),
                record.scheduledTime(), now, record.attempts(), record.httpStatus(), record.error(), task.callback());
        Optional<FailureNotice> notice = task.failureCallback().map(target -> new FailureNotice(UUID.randomUUID().toString(),
                record.taskId(), record.executionId(), record.scheduledTime(), target, payload(record)));
        return new Completion(record, completion.task(), Optional.of(new FinalFailure(deadLetter, notice)));
    }

    /** {@code task_id, execution_id, scheduled_time, attempts, http_status, error, response_body}. */
    static String payload(ExecutionRecord record) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("task_id", record.taskId().toString())
                .add("execution_id", record.executionId())
                .add("scheduled_time", DateTimeFormatter.ISO_INSTANT.format(record.scheduledTime()))
                .add("attempts", record.attempts());
        json.add("http_status", record.httpStatus().isPresent() ? JSON.createValue(record.httpStatus().getAsInt()) : JsonValue.NULL);
        json.add("error", record.error().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL));
        json.add("response_body", record.responseBody().map(FinalFailures::bounded).<JsonValue>map(JSON::createValue)
                .orElse(JsonValue.NULL));
        return json.build().toString();
    }

    private static String bounded(String body) {
        return body.length() <= MAX_RESPONSE_BODY_CHARS ? body : body.substring(0, MAX_RESPONSE_BODY_CHARS);
    }
}
