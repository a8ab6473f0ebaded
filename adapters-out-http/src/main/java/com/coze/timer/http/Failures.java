package com.coze.timer.http;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Short, stable texts for why an attempt failed, as they are shown in the execution log:
 * "connection refused", "connect timed out", "HTTP 503 after 4 attempts".
 */
final class Failures {

    private Failures() {
    }

    static String ofStatus(int status, int attempts) {
        return withAttempts("HTTP " + status, attempts);
    }

    static String ofException(Throwable failure, int attempts) {
        return withAttempts(describe(failure), attempts);
    }

    private static String withAttempts(String error, int attempts) {
        return attempts > 1 ? error + " after " + attempts + " attempts" : error;
    }

    private static String describe(Throwable failure) {
        var refused = ForbiddenTargetException.in(failure);
        if (refused.isPresent()) {
            return refused.get().getMessage();
        }
        String root = message(rootCause(failure));
        return switch (failure) {
            case ConnectException e when root.contains("refused") -> "connection refused";
            case ConnectException e -> "connect failed: " + root;
            case SocketTimeoutException e when message(e).contains("connect") -> "connect timed out";
            case SocketTimeoutException e -> "transfer timed out";
            case InterruptedIOException e when message(e).equals("timeout") -> "call timed out";
            case UnknownHostException e -> "unknown host " + e.getMessage();
            case SSLException e -> "TLS failed: " + e.getMessage();
            default -> failure.getClass().getSimpleName() + ": " + failure.getMessage();
        };
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
