package com.coze.timer.rest;

import com.coze.timer.domain.InvalidArgument;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to the fields of a request object, every mistake an {@link InvalidArgument} that
 * names the field: {@code "interval_seconds must be an integer"}. A field given as JSON
 * {@code null} reads as absent. Fields outside the allowed set are refused up front, so that a
 * misspelt field is reported instead of silently ignored.
 */
final class JsonFields {

    /** More digits than any long has: such a number is refused before it is converted. */
    private static final int MAX_LONG_DIGITS = 19;

    private final JsonObject json;

    private JsonFields(JsonObject json) {
        this.json = json;
    }

    /** The fields of {@code json}, which must all be among {@code allowed}. */
    static JsonFields of(JsonObject json, Set<String> allowed) {
        for (String name : json.keySet()) {
            InvalidArgument.require(allowed.contains(name), name, "unknown field '" + name + "'");
        }
        return new JsonFields(json);
    }

    /** Whether the field is there, even as {@code null}. */
    boolean has(String name) {
        return json.containsKey(name);
    }

    /** Whether the field is there as {@code null}. */
    boolean isNull(String name) {
        return json.containsKey(name) && json.get(name).getValueType() == JsonValue.ValueType.NULL;
    }

    /** The field's value, unless it is absent or {@code null}. */
    Optional<JsonValue> value(String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? Optional.empty() : Optional.of(value);
    }

    Optional<String> string(String name) {
        return value(name).map(value -> string(value, name));
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> new InvalidArgument(name, name + " is required"));
    }

    Optional<Long> integer(String name) {
        return value(name).map(value -> integer(value, name));
    }

    long requiredInteger(String name) {
        return integer(name).orElseThrow(() -> new InvalidArgument(name, name + " is required"));
    }

    Optional<JsonObject> object(String name) {
        return value(name).map(value -> object(value, name));
    }

    static String string(JsonValue value, String field) {
        InvalidArgument.require(value instanceof JsonString, field, field + " must be a string");
        return ((JsonString) value).getString();
    }

    /** A JSON number without a fraction that fits a long ({@code 20} and {@code 20.0} alike). */
    static long integer(JsonValue value, String field) {
        InvalidArgument.require(value instanceof JsonNumber, field, field + " must be an integer");
        try {
            BigDecimal number = ((JsonNumber) value).bigDecimalValue();
            if (number.scale() > 0) {
                number = number.stripTrailingZeros();
            }
            InvalidArgument.require(number.scale() <= 0 && number.precision() - number.scale() <= MAX_LONG_DIGITS,
                    field, field + " must be an integer");
            return number.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidArgument(field, field + " must be an integer");
        }
    }

    static JsonObject object(JsonValue value, String field) {
        InvalidArgument.require(value instanceof JsonObject, field, field + " must be a JSON object");
        return value.asJsonObject();
    }
}
