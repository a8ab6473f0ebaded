package com.coze.timer.rest;

import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.endpoint.CallbackTargets;
import java.net.URI;

import com.coze.timer.application.json.CanonicalJson;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Delivery;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
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
    static final String RETRY = "retry";
    static final String TIMEOUT_MS = "timeout_ms";
    private static final String MAX_RETRIES = "max_retries";
    private static final String BACKOFF_MS = "backoff_ms";
    private static final String MAX_BACKOFF_MS = "max_backoff_ms";

    /** Every field of a task a request may set, {@code user_id} aside. */
    static final String FAILURE_CALLBACK_URL = Task.FAILURE_CALLBACK_URL;
    static final Set<String> TASK_FIELDS = Set.of(TYPE, HTTP_ENDPOINT, METHOD, HEADERS, BODY, INTERVAL_SECONDS,
            CRON_EXPRESSION, TIME_ZONE, START_TIME, STOP_CONDITION, NAME, LABELS, RETRY, TIMEOUT_MS, FAILURE_CALLBACK_URL);

    /** A {@code failure_callback_url}: an endpoint by the same rules, errors naming that field. */
    static URI failureCallbackUrl(String text) {
        return CallbackTargets.parse(text, FAILURE_CALLBACK_URL);
    }

    /** The {@code cron_expression} column's size, in characters. */
    static final int MAX_CRON_CHARS = 255;
    /** The {@code stop_condition} column's size (a TEXT column), in bytes of compact JSON. */
    static final int MAX_STOP_CONDITION_BYTES = 65_535;
    /** The largest {@code headers} object, in bytes of compact JSON. */
    static final int MAX_HEADERS_BYTES = 65_536;
    /** The largest {@code body}, in bytes of compact JSON (it is stored sealed, in a 16 MiB column). */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** What a DATETIME column holds, and what the API can write back: years 1000 to 9999. */
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** RFC 6901: reference tokens after each '/', where '~' only escapes as ~0 ('~') and ~1 ('/'). */
    private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

    private TaskFields() {
    }

    /** An object of string values, in the order given. */
    static Map<String, String> headers(JsonValue value) {
        Map<String, String> headers = strings(value, HEADERS);
        requireAtMostBytes(JsonFields.object(value, HEADERS), HEADERS, MAX_HEADERS_BYTES);
        return headers;
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
        String text = value.toString();
        requireAtMostBytes(text, BODY, MAX_BODY_BYTES);
        return text;
    }

    /**
     * {@code "retry": {"max_retries":…, "backoff_ms":…, "max_backoff_ms":…}} (any of them) and
     * {@code "timeout_ms"}, as far as they are given.
     */
    static Delivery.Choice delivery(JsonFields f) {
        JsonObject retry = f.object(RETRY).orElse(JsonValue.EMPTY_JSON_OBJECT);
        for (String key : retry.keySet()) {
            InvalidArgument.require(Set.of(MAX_RETRIES, BACKOFF_MS, MAX_BACKOFF_MS).contains(key), RETRY + "." + key,
                    "unknown field '" + RETRY + "." + key + "'");
        }
        return new Delivery.Choice(retryField(retry, MAX_RETRIES), retryField(retry, BACKOFF_MS),
                retryField(retry, MAX_BACKOFF_MS), f.integer(TIMEOUT_MS));
    }

    private static Optional<Long> retryField(JsonObject retry, String key) {
        JsonValue value = retry.get(key);
        return value == null || value == JsonValue.NULL ? Optional.empty()
                : Optional.of(JsonFields.integer(value, RETRY + "." + key));
    }

    /** A cron expression no longer than its column. */
    static String cronExpression(String text) {
        InvalidArgument.require(text.length() <= MAX_CRON_CHARS, CRON_EXPRESSION,
                "cron_expression must not be longer than " + MAX_CRON_CHARS + " characters");
        return text;
    }

    /** An ISO-8601 instant: {@code 2026-04-22T10:00:00Z}, or with an offset such as {@code +08:00}. */
    static Instant startTime(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidArgument(START_TIME,
                    "start_time must be an ISO-8601 instant such as 2026-04-22T10:00:00Z, not '" + text + "'");
        }
        InvalidArgument.require(!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST), START_TIME,
                "start_time must be between years 1000 and 9999, not " + text.trim());
        return instant;
    }

    /**
     * {@code max_cnt}, an integer, and any number of response-field matches: each other key names a
     * top-level field of the response, or a nested one as a JSON Pointer ({@code "/data/done"}),
     * and its value, any JSON, is the value that completes the task.
     */
    static StopCondition stopCondition(JsonValue value) {
        JsonObject object = JsonFields.object(value, STOP_CONDITION);
        requireAtMostBytes(object, STOP_CONDITION, MAX_STOP_CONDITION_BYTES);
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

    private static void requireAtMostBytes(JsonValue value, String field, int maxBytes) {
        requireAtMostBytes(value.toString(), field, maxBytes);
    }

    private static void requireAtMostBytes(String json, String field, int maxBytes) {
        // a UTF-8 character is at most 4 bytes: most texts are judged without encoding them
        boolean fits = json.length() * 4L <= maxBytes || json.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
        InvalidArgument.require(fits, field, field + " must not exceed " + maxBytes + " bytes of JSON");
    }

    private static void requireValidPointer(String key) {
        InvalidArgument.require(!key.startsWith("/") || POINTER.matcher(key).matches(), STOP_CONDITION + "." + key,
                "stop_condition key '" + key + "' is not a valid JSON Pointer (RFC 6901)");
    }
}
