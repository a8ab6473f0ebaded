package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;

/** The HTTP methods a callback may use. */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE;

    /** Parses a method name (case-insensitive); null means the default, POST. */
    public static HttpMethod fromWire(String name) {
        if (name == null) {
            return POST;
        }
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgument("method", "method must be one of GET, POST, PUT, PATCH, DELETE, not '" + name + "'");
        }
    }

    /** Whether a request with this method carries a body. */
    public boolean hasBody() {
        return this != GET && this != DELETE;
    }
}
