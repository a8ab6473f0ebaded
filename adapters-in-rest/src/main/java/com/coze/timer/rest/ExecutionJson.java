package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.domain.execution.ExecutionRecord;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/** Executions as the API shows them: in a task's {@code last_execution}, and in its history. */
final class ExecutionJson {

    private ExecutionJson() {
    }

    /** The latest execution inside a task: {@code timestamp} is when it started, as in the seed. */
    static JsonObject lastExecution(ExecutionRecord record) {
        return outcome(JSON.createObjectBuilder()
                .add("timestamp", Times.format(record.startedAt()))
                .add("scheduled_time", Times.format(record.scheduledTime())), record)
                .build();
    }

    /** The latest execution in a listing: as inside a task, without the response body. */
    static JsonObject lastResult(ExecutionRecord record) {
        JsonObjectBuilder json = JSON.createObjectBuilder(lastExecution(record));
        json.remove("response_body");
        return json.build();
    }

    /** One entry of the history. */
    static JsonObject execution(ExecutionRecord record) {
        return outcome(JSON.createObjectBuilder()
                .add("execution_id", record.executionId())
                .add("log_id", record.logId())
                .add("scheduled_time", Times.format(record.scheduledTime()))
                .add("started_at", Times.format(record.startedAt())), record)
                .add("redrive", record.redrive())
                .build();
    }

    /**
     * {@code {"executions":[…],"next_before":…}}, newest first; {@code next_before} is the log id to
     * pass as {@code before} for the next, older page, or null when this page is the last.
     */
    static JsonObject history(List<ExecutionRecord> records, int limit) {
        JsonArrayBuilder executions = JSON.createArrayBuilder();
        records.forEach(record -> executions.add(execution(record)));
        JsonValue nextBefore = records.size() < limit || records.isEmpty()
                ? JsonValue.NULL
                : JSON.createValue(records.getLast().logId());
        return JSON.createObjectBuilder().add("executions", executions).add("next_before", nextBefore).build();
    }

    private static JsonObjectBuilder outcome(JsonObjectBuilder json, ExecutionRecord record) {
        return json.add("http_status", record.httpStatus().isPresent()
                        ? JSON.createValue(record.httpStatus().getAsInt()) : JsonValue.NULL)
                .add("response_body", text(record.responseBody()))
                .add("duration_ms", record.durationMs())
                .add("attempts", record.attempts())
                .add("outcome", record.outcome().wire())
                .add("error", text(record.error()));
    }

    private static JsonValue text(Optional<String> text) {
        return text.<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL);
    }
}
