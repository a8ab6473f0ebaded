package com.coze.timer.timefix;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a failed connection attempt into one line a person can act on, such as
 * {@code cannot connect to localhost:13306/coze_timer as root: access denied (check --user and
 * TIMEFIX_PASSWORD)}, instead of a driver stack trace.
 */
final class ConnectionFailure {

    private static final String ACCESS_DENIED_STATE = "28000";
    private static final int ACCESS_DENIED_ERROR = 1045;
    private static final int UNKNOWN_DATABASE_ERROR = 1049;

    private ConnectionFailure() {
    }

    /** The one-line explanation of why connecting to {@code target} failed with {@code failure}. */
    static String describe(DatabaseTarget target, SQLException failure) {
        return "cannot connect to " + target.describe() + " as " + target.user() + ": " + reason(failure);
    }

    private static String reason(SQLException failure) {
        if (ACCESS_DENIED_STATE.equals(failure.getSQLState()) || failure.getErrorCode() == ACCESS_DENIED_ERROR) {
            return "access denied (check --user and TIMEFIX_PASSWORD)";
        }
        if (failure.getErrorCode() == UNKNOWN_DATABASE_ERROR) {
            return "no such database (check --database)";
        }
        if (causedBy(failure, UnknownHostException.class)) {
            return "unknown host (check --host)";
        }
        if (causedBy(failure, ConnectException.class)) {
            return "connection refused (is the database running? check --host and --port)";
        }
        if (causedBy(failure, SocketTimeoutException.class)) {
            return "no answer within 5 seconds (check --host and --port)";
        }
        return firstLine(failure.getMessage());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a driver message, which can run to several lines of advice. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
