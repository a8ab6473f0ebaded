package com.coze.timer.persistence;

/**
 * The database failed: it is unreachable, refused a statement, or holds a row this build cannot
 * read. Unlike a refusal (a stale version, a missing task), which the stores return as a value, this
 * is an infrastructure failure and maps to a 5xx at the API edge.
 */
public final class PersistenceException extends RuntimeException {

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
