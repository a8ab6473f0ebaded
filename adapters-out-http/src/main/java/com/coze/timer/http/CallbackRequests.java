package com.coze.timer.http;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.Fence;
import com.coze.timer.domain.task.Callback;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Turns one fire into the HTTP request every attempt sends: the user's method, headers and body,
 * plus the timer's own headers. {@code X-Timer-Execution-Id} is the fire's idempotency key, the
 * same on every retry; {@code X-Timer-Scheduled-Time} is the planned instant in UTC with exactly
 * three fraction digits. The fire's fence rides along as the request's tag ({@link FenceCheck}). A body goes out as JSON unless the user chose a {@code Content-Type};
 * GET and DELETE send none.
 */
final class CallbackRequests {

    static final String TASK_ID = "X-Timer-Task-Id";
    static final String EXECUTION_ID = "X-Timer-Execution-Id";
    static final String SCHEDULED_TIME = "X-Timer-Scheduled-Time";
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
                .method(callback.method().name(), body(callback))
                .tag(Fence.class, fire.fence());
        return Optional.of(http.build());
    }

    private static RequestBody body(Callback callback) {
        if (!callback.method().hasBody()) {
            return null;
        }
        byte[] bytes = callback.body().orElse("").getBytes(StandardCharsets.UTF_8);
        boolean userContentType = callback.headers().keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
        // A body with no media type leaves the user's Content-Type header as it is.
        MediaType type = userContentType || callback.body().isEmpty() ? null : JSON;
        return RequestBody.create(bytes, type);
    }
}
