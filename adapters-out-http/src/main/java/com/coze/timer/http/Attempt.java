package com.coze.timer.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The response to one attempt: its status, the start of its body and the wait the server asked
 * for. Which statuses are worth another attempt is decided here, in one place: 5xx, 408 (request
 * timeout) and 429 (too many requests); any other status is final.
 */
record Attempt(int status, String body, Optional<Duration> retryAfter) {

    boolean successful() {
        return status >= 200 && status < 300;
    }

    boolean retryable() {
        return status >= 500 || status == 408 || status == 429;
    }

    /**
     * Reads {@code response}: at most {@code maxBytes} of its body, decoded as UTF-8. The rest of a
     * large body is never buffered; closing the response discards it.
     */
    static Attempt read(Response response, int maxBytes, Instant now) throws IOException {
        try (response) {
            Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), now);
            return new Attempt(response.code(), prefix(response.body(), maxBytes), retryAfter);
        }
    }

    private static String prefix(ResponseBody body, int maxBytes) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        source.request(maxBytes); // buffers up to maxBytes, fewer at the end of the body
        Buffer buffer = source.getBuffer();
        return buffer.readString(Math.min(buffer.size(), maxBytes), StandardCharsets.UTF_8);
    }
}
