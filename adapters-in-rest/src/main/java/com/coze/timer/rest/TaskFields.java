package com.coze.timer.rest;

import com.coze.timer.application.json.CanonicalJson;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The task fields that create and modify requests share, turned from JSON into domain values. The
 * domain validates the values themselves; this reads their JSON shape.
 */
final class TaskFields {

    static final String TYPE = "type";
    static final String HTTP_ENDPOINT = "http_endpoint";
    static final String METHOD = "method";
    static final String HEADERS = "headers";
    static final String BODY = "body";
    static final String INTERVAL_SECONDS = "interval_seconds";
    static final String CRON_EXPRESSION = "cron_expression";
    static final String TIME_ZONE = "time_zone";
    static final String START_TIME = "start_time";
    static final String STOP_CONDITION = "stop_condition";
    static final String NAME = "name";
    static final String LABELS = "labels";

    /** Every field of a task a request may set, {@code user_id} aside. */
    static final Set<String> TASK_FIELDS = Set.of(TYPE, HTTP_ENDPOINT, METHOD, HEADERS, BODY, INTERVAL_SECONDS,
            CRON_EXPRESSION, TIME_ZONE, START_TIME, STOP_CONDITION, NAME, LABELS);

    /** RFC 6901: reference tokens after each '/', where '~' only escapes as ~0 ('~') and ~1 ('/'). */
    private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

    private TaskFields() {
    }

    /** An object of string values, in the order given. */
    static Map<String, String> headers(JsonValue value) {
        return strings(value, HEADERS);
    }

    /** An object of string values: {@code {"team":"reports"}}. */
    static Map<String, String> labels(JsonValue value) {
        return strings(value, LABELS);
    }

    private static Map<String, String> strings(JsonValue value, String field) {
        Map<String, String> strings = new LinkedHashMap<>();
        JsonFields.object(value, field).forEach((key, text) -> strings.put(key, JsonFields.string(text, field + "." + key)));
        return strings;
    }

    /** Any JSON value, kept as its compact text. */
    static String body(JsonValue value) {
        return value.toString();
    }

    /** An ISO-8601 instant: {@code 2026-04-22T10:00:00Z}, or with an offset such as {@code +08:00}. */
    static Instant startTime(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidArgument(START_TIME,
                    "start_time must be an ISO-8601 instant such as 2026-04-22T10:00:00Z, not '" + text + "'");
        }
    }

    /**
     * {@code max_cnt}, an integer, and any number of response-field matches: each other key names a
     * top-level field of the response, or a nested one as a JSON Pointer ({@code "/data/done"}),
     * and its value, any JSON, is the value that completes the task.
     */
    static StopCondition stopCondition(JsonValue value) {
        JsonObject object = JsonFields.object(value, STOP_CONDITION);
        Optional<Long> maxCount = Optional.empty();
        List<FieldMatch> matches = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String key = entry.getKey();
            if (key.equals(StopCondition.MAX_COUNT_KEY)) {
                maxCount = Optional.of(JsonFields.integer(entry.getValue(), STOP_CONDITION + "." + key));
            } else {
                requireValidPointer(key);
                matches.add(new FieldMatch(key, CanonicalJson.of(entry.getValue())));
            }
        }
        return new StopCondition(maxCount, matches);
    }

    private static void requireValidPointer(String key) {
        InvalidArgument.require(!key.startsWith("/") || POINTER.matcher(key).matches(), STOP_CONDITION + "." + key,
                "stop_condition key '" + key + "' is not a valid JSON Pointer (RFC 6901)");
    }
}
