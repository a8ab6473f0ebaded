package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a request body as a JSON object, refusing on the way what is not one: a non-JSON content
 * type (415), a body over the size limit (413: by {@code Content-Length} before reading, and by
 * counting while reading, for chunked bodies), text that is not JSON or holds a key twice, and JSON
 * that is not an object (400). The JSON is parsed here from the bounded bytes, so that every parse
 * error gets the API's error document.
 */
final class JsonBodies {

    /**
     * Refuses an object that names a key twice, instead of silently keeping one of the values.
     * Parsson's parsers heed only its own property for that; its readers, the standard one.
     */
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of(
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private static final int CHUNK = 8192;
    private static final String CONTENT_TYPE = "Content-Type";

    private final long maxBytes;
    private final Duration timeout;

    JsonBodies(RestConfig config) {
        this.maxBytes = config.maxBodyBytes();
        this.timeout = config.bodyTimeout();
    }

    JsonObject readObject(ServerRequest req) {
        requireJsonContentType(req);
        JsonValue value = parse(readBounded(req));
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiError.badRequest("request body must be a JSON object, not " + value.getValueType().name().toLowerCase(Locale.ROOT));
        }
        return value.asJsonObject();
    }

    private static void requireJsonContentType(ServerRequest req) {
        HttpMediaType type = declaredContentType(req)
                .orElseThrow(() -> ApiError.unsupportedMediaType("Content-Type must be application/json"));
        String subtype = type.subtype().toLowerCase(Locale.ROOT);
        boolean json = type.type().equalsIgnoreCase("application") && (subtype.equals("json") || subtype.endsWith("+json"));
        if (!json) {
            throw ApiError.unsupportedMediaType("Content-Type must be application/json, not " + type.mediaType().text());
        }
        type.charset().filter(charset -> !charset.equalsIgnoreCase("utf-8")).ifPresent(charset -> {
            throw ApiError.unsupportedMediaType("request bodies must be UTF-8, not " + charset);
        });
    }

    /** The parsed {@code Content-Type}; a value that is not a media type (e.g. {@code application/json;}) is a 415. */
    private static Optional<HttpMediaType> declaredContentType(ServerRequest req) {
        try {
            return req.headers().contentType();
        } catch (RuntimeException e) {
            throw ApiError.unsupportedMediaType("Content-Type is not a valid media type; application/json is expected", CONTENT_TYPE);
        }
    }

    private byte[] readBounded(ServerRequest req) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw ApiError.payloadTooLarge(maxBytes);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, CHUNK));
        byte[] buffer = new byte[CHUNK];
        try (AutoCloseable deadline = ReadDeadlines.armBody(timeout); InputStream in = req.content().inputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + (long) n > maxBytes) {
                    throw ApiError.payloadTooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            // the bytes the client sent could not be read as an entity: a malformed chunk size, a cut-off body
            throw ApiError.badRequest("request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static JsonValue parse(byte[] body) {
        if (body.length == 0) {
            throw ApiError.badRequest("request body is empty; a JSON object is expected");
        }
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) { // throws on anything but white space after the value
                throw new JsonParsingException("unexpected content after the JSON value", parser.getLocation());
            }
            return value;
        } catch (RuntimeException e) {
            // whatever the parser throws (Parsson's depth limit is a bare RuntimeException), the bytes are at fault
            throw ApiError.badRequest("request body is not valid JSON: " + e.getMessage());
        }
    }
}
