package com.coze.timer.application.json;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.domain.stop.ResponseDocument;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JSON values in canonical text, so that equal values compare equal as strings: compact, object
 * keys sorted, numbers in their shortest plain form ({@code 1}, {@code 1.0} and {@code 1e0} are all
 * {@code 1}). The one place where stop-condition values and callback responses are put in that form.
 */
public final class CanonicalJson {

    /** The largest scale (either sign) of a number written without an exponent. */
    private static final int MAX_PLAIN_SCALE = 1000;

    private CanonicalJson() {
    }

    /** The canonical text of {@code value}. */
    public static String of(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** Parses JSON text of any kind (object, array, scalar); empty when it is not JSON. */
    public static Optional<JsonValue> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return Optional.of(reader.readValue());
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The deepest nesting of arrays and objects in a response that the stop policies read. */
    public static final int MAX_DEPTH = 100;
    /** The longest response (in characters) that the stop policies read. */
    public static final int MAX_CHARS = 1 << 20;

    /**
     * A response body as the stop policies read it; a body that is not JSON carries no fields.
     *
     * @throws UnreadableDocument when the body is JSON too large or too deeply nested to evaluate
     */
    public static ResponseDocument document(String body) {
        refuseUnreadable(body);
        Optional<JsonValue> root;
        try {
            root = parse(body);
        } catch (RuntimeException e) {
            throw new UnreadableDocument("the response could not be read as JSON: " + e.getMessage());
        }
        if (root.isEmpty()) {
            return ResponseDocument.EMPTY;
        }
        JsonValue value = root.get();
        return pointer -> at(value, pointer).map(CanonicalJson::of);
    }

    /** Judges size and depth before parsing, so that no parser limit or stack depth is ever reached. */
    private static void refuseUnreadable(String body) {
        if (body.length() > MAX_CHARS) {
            throw new UnreadableDocument("the response is larger than " + MAX_CHARS + " characters");
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                i += c == '\\' ? 1 : 0;
                inString = c != '"';
            } else if (c == '"') {
                inString = true;
            } else if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
                throw new UnreadableDocument("the response is nested deeper than " + MAX_DEPTH + " levels");
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** A response the stop policies cannot evaluate; the message says why, for the execution log. */
    public static final class UnreadableDocument extends RuntimeException {

        UnreadableDocument(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Optional<JsonValue> at(JsonValue root, String pointer) {
        if (!(root instanceof JsonObject) && !(root instanceof JsonArray)) {
            return Optional.empty();
        }
        try {
            JsonPointer p = JSON.createPointer(pointer);
            return p.containsValue((jakarta.json.JsonStructure) root)
                    ? Optional.of(p.getValue((jakarta.json.JsonStructure) root))
                    : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (var e : new TreeMap<>(value.asJsonObject()).entrySet()) {
                    out.append(first ? "" : ",").append(JSON.createValue(e.getKey())).append(':');
                    write(e.getValue(), out);
                    first = false;
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(array.get(i), out);
                }
                out.append(']');
            }
            case NUMBER -> out.append(plain(((JsonNumber) value).bigDecimalValue()));
            case STRING -> out.append(JSON.createValue(((JsonString) value).getString()));
            default -> out.append(value);
        }
    }

    private static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        // 1e999999999 written out plainly is a gigabyte of zeros: past a sane length keep the exponent.
        // Still canonical, as equal numbers strip to the same unscaled value and scale.
        return Math.abs((long) stripped.scale()) <= MAX_PLAIN_SCALE ? stripped.toPlainString() : stripped.toString();
    }
}
