package com.coze.timer.bootstrap;

import com.coze.timer.application.port.out.DeliveryMetrics;
import io.helidon.metrics.api.Counter;

/**
 * {@link DeliveryMetrics} as Helidon counters, made up front:
 * <ul>
 *   <li>{@code timer_failure_callbacks_sent_total}: failure callbacks delivered;</li>
 *   <li>{@code timer_failure_callbacks_failed_total}: failure callbacks given up (still failing at their maximum age);</li>
 *   <li>{@code timer_logs_purged_total}: execution records purged (retention and cap per task).</li>
 * </ul>
 */
final class HelidonDeliveryMetrics implements DeliveryMetrics {

    private final Counter sent;
    private final Counter failed;
    private final Counter purged;

    HelidonDeliveryMetrics(TimerMetrics metrics) {
        sent = metrics.counter("timer.failure.callbacks.sent", "Failure callbacks delivered");
        failed = metrics.counter("timer.failure.callbacks.failed", "Failure callbacks given up, still failing at their maximum age");
        purged = metrics.counter("timer.logs.purged", "Execution records purged by retention or the cap per task");
    }

    @Override
    public void failureCallbackSent() {
        sent.increment();
    }

    @Override
    public void failureCallbackFailed() {
        failed.increment();
    }

    @Override
    public void logsPurged(int rows) {
        purged.increment(rows);
    }
}
