package com.coze.timer.rest;

import io.helidon.common.config.Config;

/**
 * Settings of the REST API.
 *
 * @param maxBodyBytes the largest request body accepted; a larger one is answered 413 without being
 *                     parsed, whether its size is announced by {@code Content-Length} or not. (The server
 *                     then drains what the client still sends, so that the client reads the 413 instead
 *                     of a broken pipe; the web server's own {@code max-payload-size}, set well above this
 *                     limit, bounds that.)
 */
public record RestConfig(long maxBodyBytes) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final RestConfig DEFAULT = new RestConfig(DEFAULT_MAX_BODY_BYTES);

    public RestConfig {
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max-body-bytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
    }

    /** Reads the {@code rest} subtree: {@code max-body-bytes} (default 1 MiB). */
    public static RestConfig create(Config rest) {
        return new RestConfig(rest.get("max-body-bytes").asLong().orElse(DEFAULT_MAX_BODY_BYTES));
    }
}
