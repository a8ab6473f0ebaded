package com.coze.timer.application.port.out;

import java.util.List;

/**
 * The service's own fire counter and fire-lateness histogram as they stand now: the figures
 * {@code /observe/metrics} serves as {@code timer_fires_total} and {@code timer_fire_lateness_seconds}.
 */
@FunctionalInterface
public interface FireTotals {

    Totals read();

    /**
     * Fires sent since the start, and the lateness histogram: {@code buckets} by ascending upper
     * bound, each with the fires at most that late (cumulative, as Prometheus' {@code le} buckets),
     * and {@code observed} every fire measured (the {@code +Inf} bucket).
     */
    record Totals(long fires, List<Bucket> buckets, long observed) {

        public Totals {
            buckets = List.copyOf(buckets);
        }
    }

    /** Fires at most {@code upperMs} late, cumulative. */
    record Bucket(double upperMs, long cumulative) {
    }
}
