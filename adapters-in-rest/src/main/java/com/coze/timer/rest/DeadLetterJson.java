package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.application.port.in.DeadLetterPage;
import com.coze.timer.domain.execution.DeadLetter;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Dead letters as the API shows them (the request they hold is not shown: it may carry secrets). */
final class DeadLetterJson {

    private DeadLetterJson() {
    }

    static JsonObject deadLetter(DeadLetter d) {
        return JSON.createObjectBuilder()
                .add("dead_letter_id", d.deadLetterId())
                .add("task_id", d.taskId().toString())
                .add("execution_id", d.executionId())
                .add("scheduled_time", Times.format(d.scheduledTime()))
                .add("failed_at", Times.format(d.failedAt()))
                .add("attempts", d.attempts())
                .add("http_status", d.httpStatus().isPresent() ? JSON.createValue(d.httpStatus().getAsInt()) : JsonValue.NULL)
                .add("error", d.error().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL))
                .build();
    }

    /** {@code {"dead_letters":[…],"total":…,"limit":…,"offset":…,"next_cursor":…}}, as task listings are. */
    static JsonObject page(DeadLetterPage page) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.deadLetters().forEach(d -> items.add(deadLetter(d)));
        return JSON.createObjectBuilder()
                .add("dead_letters", items)
                .add("total", page.total())
                .add("limit", page.query().limit())
                .add("offset", page.query().offset())
                .add("next_cursor", page.next().<JsonValue>map(next -> JSON.createValue(Cursors.format(next))).orElse(JsonValue.NULL))
                .build();
    }

    /** The 202 of a redrive: the dead letter whose request is being sent again. */
    static JsonObject redriving(DeadLetter d) {
        return JSON.createObjectBuilder(deadLetter(d)).add("status", "redriving").build();
    }
}
