package com.coze.timer.domain;

/**
 * Bad input, found while building a value or a command: names the field at fault so that the
 * caller can be told exactly what to fix. Maps to a 400 at the API edge, never to a 500.
 */
public final class InvalidArgument extends RuntimeException {

    private final String field;

    public InvalidArgument(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field at fault, in the API's snake_case spelling. */
    public String field() {
        return field;
    }

    /** Throws when {@code condition} is false. */
    public static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidArgument(field, message);
        }
    }
}
