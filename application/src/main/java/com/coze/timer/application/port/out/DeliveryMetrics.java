package com.coze.timer.application.port.out;

/**
 * What the failure-callback relay, redrives and the log purge report, for metrics; no-ops unless an
 * implementation counts them. Implementations must be cheap and thread-safe.
 */
public interface DeliveryMetrics {

    DeliveryMetrics NONE = new DeliveryMetrics() { };

    /** A failure callback was delivered. */
    default void failureCallbackSent() {
    }

    /** A failure callback was given up: still failing once older than its maximum age. */
    default void failureCallbackFailed() {
    }

    /** {@code rows} execution records were purged. */
    default void logsPurged(int rows) {
    }
}
