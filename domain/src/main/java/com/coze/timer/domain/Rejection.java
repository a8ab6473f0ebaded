package com.coze.timer.domain;

/**
 * Why a use case refused a request that was well-formed: an expected outcome, returned as a value
 * (see {@link Result}), not thrown. Each code maps to one HTTP status at the API edge.
 */
public record Rejection(Code code, String message, String field) {

    /** The machine-readable reasons, stable across releases. */
    public enum Code {
        INVALID_ARGUMENT("invalid_argument"),
        NOT_FOUND("not_found"),
        FORBIDDEN("forbidden"),
        CONFLICT("conflict"),
        QUOTA_EXCEEDED("quota_exceeded");

        private final String wire;

        Code(String wire) {
            this.wire = wire;
        }

        /** The code as clients see it. */
        public String wire() {
            return wire;
        }
    }

    public static Rejection notFound(String what) {
        return new Rejection(Code.NOT_FOUND, what + " not found", null);
    }

    public static Rejection conflict(String message) {
        return new Rejection(Code.CONFLICT, message, null);
    }

    public static Rejection forbidden(String message, String field) {
        return new Rejection(Code.FORBIDDEN, message, field);
    }

    public static Rejection invalid(String field, String message) {
        return new Rejection(Code.INVALID_ARGUMENT, message, field);
    }

    public static Rejection of(InvalidArgument e) {
        return invalid(e.field(), e.getMessage());
    }
}
