package com.coze.timer.http;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.json.CanonicalJson;
import com.coze.timer.application.port.out.Fence;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Signing;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Turns one fire into the HTTP request every attempt sends: the user's method, headers and body,
 * plus the timer's own headers. {@code X-Timer-Execution-Id} is the fire's idempotency key, the
 * same on every retry, and so is {@code webhook-id}; {@code X-Timer-Scheduled-Time} is the planned
 * instant in UTC with exactly three fraction digits. {@link #forAttempt} adds what changes from one
 * attempt to the next: {@code webhook-timestamp} and the {@link WebhookSignature} over it. The
 * fire's fence rides along as the request's tag ({@link FenceCheck}).
 *
 * <p>A body goes out as JSON unless the user chose a {@code Content-Type}. With a {@code Content-Type}
 * that is not JSON, a body that is a JSON string is sent as the string it holds (plain text, form
 * data); any other body as its JSON text. GET and DELETE send none.
 */
final class CallbackRequests {

    static final String TASK_ID = "X-Timer-Task-Id";
    static final String EXECUTION_ID = "X-Timer-Execution-Id";
    static final String SCHEDULED_TIME = "X-Timer-Scheduled-Time";
    static final String WEBHOOK_ID = "webhook-id";
    static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    static final String WEBHOOK_SIGNATURE = "webhook-signature";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CallbackRequests() {
    }

    /** The request, or empty when the endpoint is not a URL OkHttp can call. */
    static Optional<Request> toHttp(CallbackRequest fire) {
        Callback callback = fire.callback();
        HttpUrl url = HttpUrl.parse(callback.endpoint().toString());
        if (url == null) {
            return Optional.empty();
        }
        Request.Builder http = new Request.Builder().url(url);
        callback.headers().forEach(http::addHeader);
        http.header(TASK_ID, fire.taskId().toString())
                .header(EXECUTION_ID, fire.executionId())
                .header(SCHEDULED_TIME, MILLIS_UTC.format(fire.scheduledTime()))
                .header(WEBHOOK_ID, fire.executionId())
                .method(callback.method().name(), body(callback))
                .tag(Fence.class, fire.fence());
        return Optional.of(http.build());
    }

    /** {@code template} as the attempt made at {@code now} sends it: stamped and signed with the secrets of then. */
    static Request forAttempt(Request template, Signing signing, Instant now) {
        long timestamp = now.getEpochSecond();
        Request.Builder attempt = template.newBuilder().header(WEBHOOK_TIMESTAMP, Long.toString(timestamp));
        List<String> secrets = signing.secretsAt(now);
        if (!secrets.isEmpty()) {
            attempt.header(WEBHOOK_SIGNATURE,
                    WebhookSignature.of(secrets, template.header(WEBHOOK_ID), timestamp, bytes(template.body())));
        }
        return attempt.build();
    }

    private static byte[] bytes(RequestBody body) {
        if (body == null) {
            return new byte[0];
        }
        try (Buffer buffer = new Buffer()) {
            body.writeTo(buffer);
            return buffer.readByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory body does not fail to write
        }
    }

    private static RequestBody body(Callback callback) {
        if (!callback.method().hasBody()) {
            return null;
        }
        Optional<String> contentType = callback.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue).findFirst();
        String text = callback.body().orElse("");
        if (contentType.filter(type -> !isJson(type)).isPresent()) {
            text = CanonicalJson.parse(text).filter(JsonString.class::isInstance)
                    .map(string -> ((JsonString) string).getString()).orElse(text);
        }
        // A body with no media type leaves the user's Content-Type header as it is.
        MediaType type = contentType.isPresent() || callback.body().isEmpty() ? null : JSON;
        return RequestBody.create(text.getBytes(StandardCharsets.UTF_8), type);
    }

    /** {@code application/json} or a {@code +json} type such as {@code application/cloudevents+json}. */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
