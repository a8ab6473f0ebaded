package com.coze.timer.rest;

import io.helidon.http.Status;

/**
 * A request the API refuses before any use case sees it: no or a bad token, a body that is too
 * large or not JSON, an unknown route. Carries the HTTP status and the stable machine code of the
 * error document (see {@link ErrorResponses}).
 */
final class ApiError extends RuntimeException {

    private final transient Status status;
    private final String code;
    private final String field;
    private final String allow;

    private ApiError(Status status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    private ApiError(Status status, String code, String message, String field, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.allow = allow;
    }

    static ApiError unauthorized(String message) {
        return new ApiError(Status.UNAUTHORIZED_401, "unauthorized", message, null);
    }

    static ApiError payloadTooLarge(long maxBytes) {
        return new ApiError(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                "request body must not exceed " + maxBytes + " bytes", null);
    }

    static ApiError unsupportedMediaType(String message) {
        return unsupportedMediaType(message, null);
    }

    static ApiError unsupportedMediaType(String message, String field) {
        return new ApiError(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type", message, field);
    }

    static ApiError notFound(String message) {
        return new ApiError(Status.NOT_FOUND_404, "not_found", message, null);
    }

    /** A known path asked with a method it does not serve; {@code allow} is the value of the {@code Allow} header. */
    static ApiError methodNotAllowed(String message, String allow) {
        return new ApiError(Status.METHOD_NOT_ALLOWED_405, "method_not_allowed", message, null, allow);
    }

    static ApiError badRequest(String message) {
        return new ApiError(Status.BAD_REQUEST_400, "invalid_argument", message, null);
    }

    Status status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The methods a 405 names in its {@code Allow} header, or null. */
    String allow() {
        return allow;
    }

    /** The request field at fault, or null. */
    String field() {
        return field;
    }
}
