package com.coze.timer.persistence;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.application.json.CanonicalJson;
import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON texts kept in task columns: the callback headers (a JSON object of strings, in the
 * user's order, before sealing) and the {@code stop_condition} column, written as the API spells it:
 * {@code {"max_cnt":300,"finsh":true,"/data/done":true}}. Field-match values are already canonical
 * JSON text ({@link FieldMatch}) and are written as they are.
 *
 * <p>Reading a text this class did not write throws {@link IllegalStateException}.
 */
final class ColumnJson {

    private ColumnJson() {
    }

    static String headers(Map<String, String> headers) {
        return strings(headers);
    }

    static Map<String, String> headers(String json) {
        return strings(json, "headers");
    }

    /** The {@code labels} column: a JSON object of strings, NULL when there are none. */
    static Optional<String> labels(Map<String, String> labels) {
        return labels.isEmpty() ? Optional.empty() : Optional.of(strings(labels));
    }

    static Map<String, String> labels(String json) {
        return json == null ? Map.of() : strings(json, "labels");
    }

    private static String strings(Map<String, String> strings) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        strings.forEach(object::add);
        return object.build().toString();
    }

    private static Map<String, String> strings(String json, String what) {
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object(json, what).entrySet()) {
            if (!(entry.getValue() instanceof JsonString value)) {
                throw new IllegalStateException("stored " + what + " " + entry.getKey() + " is not a string");
            }
            strings.put(entry.getKey(), value.getString());
        }
        return strings;
    }

    /** The column text of a stop condition; empty (NULL) when it has no policy at all. */
    static Optional<String> stopCondition(StopCondition stop) {
        if (stop.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder json = new StringBuilder("{");
        stop.maxCount().ifPresent(max -> json.append(JSON.createValue(StopCondition.MAX_COUNT_KEY)).append(':').append(max));
        for (FieldMatch match : stop.fieldMatches()) {
            json.append(json.length() > 1 ? "," : "").append(JSON.createValue(match.key())).append(':').append(match.expectedJson());
        }
        return Optional.of(json.append('}').toString());
    }

    static StopCondition stopCondition(String json) {
        if (json == null) {
            return StopCondition.NONE;
        }
        Optional<Long> maxCount = Optional.empty();
        List<FieldMatch> matches = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : object(json, "stop_condition").entrySet()) {
            if (entry.getKey().equals(StopCondition.MAX_COUNT_KEY)) {
                maxCount = Optional.of(maxCount(entry.getValue()));
            } else {
                matches.add(new FieldMatch(entry.getKey(), CanonicalJson.of(entry.getValue())));
            }
        }
        return new StopCondition(maxCount, matches);
    }

    private static long maxCount(JsonValue value) {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new IllegalStateException("stored stop_condition.max_cnt is not an integer: " + value);
        }
        return number.longValueExact();
    }

    private static JsonObject object(String json, String what) {
        return CanonicalJson.parse(json)
                .filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .orElseThrow(() -> new IllegalStateException("stored " + what + " is not a JSON object"));
    }
}
