package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.FireTotals.Bucket;
import com.coze.timer.application.port.out.FireTotals.Totals;
import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

/** The fire counter and lateness histogram read back from Helidon's registry as the recent metrics need them. */
class HelidonFireMetricsTest {

    @Test
    void readsTheFiresAndTheCumulativeLatenessBucketsInMilliseconds() {
        try (TimerMetrics metrics = new TimerMetrics(Observability.meterRegistry(Config.empty()))) {
            HelidonFireMetrics fires = metrics.fires();
            Totals before = fires.read();
            fires.fired(3);
            fires.fired(3); // a distribution summary of seconds would round these up into the 1 s bucket
            fires.fired(40);
            fires.fired(120_000); // beyond the last bound: only in +Inf

            Totals after = fires.read();

            assertThat(after.fires() - before.fires()).isEqualTo(4);
            assertThat(after.observed() - before.observed()).isEqualTo(4);
            assertThat(after.buckets()).extracting(Bucket::upperMs)
                    .containsExactly(1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0, 30000.0,
                            60000.0);
            assertThat(delta(before, after, 2.5)).isZero();
            assertThat(delta(before, after, 5.0)).isEqualTo(2);
            assertThat(delta(before, after, 25.0)).isEqualTo(2);
            assertThat(delta(before, after, 50.0)).isEqualTo(3);
            assertThat(delta(before, after, 60000.0)).isEqualTo(3);
        }
    }

    private static long delta(Totals before, Totals after, double upperMs) {
        return count(after, upperMs) - count(before, upperMs);
    }

    private static long count(Totals totals, double upperMs) {
        return totals.buckets().stream().filter(b -> b.upperMs() == upperMs).findFirst().orElseThrow().cumulative();
    }
}
