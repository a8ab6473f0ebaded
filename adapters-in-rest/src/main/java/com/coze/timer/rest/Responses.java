package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.domain.Result;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/** Writes JSON answers: UTF-8, never cached, a use case's rejection turned into its error document. */
final class Responses {

    static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final JsonWriterFactory WRITERS = JSON.createWriterFactory(Map.of());

    private Responses() {
    }

    static void send(ServerResponse res, Status status, JsonValue body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, JSON_UTF8);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(RestApi.NOSNIFF); // an error handler's answer starts from fresh headers, without the filter's
        res.send(bytes(body));
    }

    /** {@code body} as UTF-8 JSON text. */
    static byte[] bytes(JsonValue body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonWriter writer = WRITERS.createWriter(bytes, StandardCharsets.UTF_8)) {
            writer.write(body);
        }
        return bytes.toByteArray();
    }

    /** Sends {@code body} of the value with status {@code ok}, or the error document of the rejection. */
    static <T> void send(ServerResponse res, Result<T> result, Status ok, Function<? super T, ? extends JsonValue> body) {
        switch (result) {
            case Result.Ok<T> value -> send(res, ok, body.apply(value.value()));
            case Result.Rejected<T> rejected -> ErrorResponses.send(res, rejected.rejection());
        }
    }

    /** {@code {"status":"success","message":...}}. */
    static JsonValue success(String message) {
        return JSON.createObjectBuilder().add("status", "success").add("message", message).build();
    }
}
