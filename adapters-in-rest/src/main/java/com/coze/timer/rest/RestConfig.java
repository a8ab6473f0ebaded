package com.coze.timer.rest;

import io.helidon.common.config.Config;
import java.time.Duration;

/**
 * Settings of the REST API.
 *
 * @param maxBodyBytes the largest request body accepted; a larger one is answered 413 without being
 *                     parsed, whether its size is announced by {@code Content-Length} or not. (The server
 *                     then drains what the client still sends, so that the client reads the 413 instead
 *                     of a broken pipe; the web server's own {@code max-payload-size}, set well above this
 *                     limit, bounds that.)
 * @param headersTimeout how long a client may take to send a request's headers once its request line is in;
 *                       a slower one has its connection closed
 * @param bodyTimeout how long a client may take to send a request body; a slower one has its connection closed
 */
public record RestConfig(long maxBodyBytes, Duration headersTimeout, Duration bodyTimeout) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_HEADERS_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    public static final RestConfig DEFAULT = new RestConfig(DEFAULT_MAX_BODY_BYTES);

    public RestConfig {
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max-body-bytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        if (headersTimeout.isNegative() || headersTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("the client timeouts must be positive");
        }
    }

    /** With the default client timeouts. */
    public RestConfig(long maxBodyBytes) {
        this(maxBodyBytes, DEFAULT_HEADERS_TIMEOUT, DEFAULT_BODY_TIMEOUT);
    }

    /**
     * Reads the {@code rest} subtree: {@code max-body-bytes} (default 1 MiB), {@code headers-timeout}
     * (default 10 s) and {@code body-timeout} (default 30 s), in milliseconds.
     */
    public static RestConfig create(Config rest) {
        return new RestConfig(rest.get("max-body-bytes").asLong().orElse(DEFAULT_MAX_BODY_BYTES),
                Duration.ofMillis(rest.get("headers-timeout").asLong().orElse(DEFAULT_HEADERS_TIMEOUT.toMillis())),
                Duration.ofMillis(rest.get("body-timeout").asLong().orElse(DEFAULT_BODY_TIMEOUT.toMillis())));
    }
}
