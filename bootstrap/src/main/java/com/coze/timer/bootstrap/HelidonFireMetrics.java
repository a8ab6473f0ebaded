package com.coze.timer.bootstrap;

import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.application.port.out.FireTotals;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.execution.ExecutionOutcome;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.HistogramSnapshot;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's {@link FireMetrics} as Helidon meters. Every meter is made up front (one counter per
 * outcome), so that the wheel thread only increments and records: no lookup, no tag built per fire.
 *
 * <ul>
 *   <li>{@code timer_fires_total}: fires sent;</li>
 *   <li>{@code timer_fire_lateness_seconds}: how long after its scheduled time each fire was sent;</li>
 *   <li>{@code timer_executions_total{outcome}}: finished executions by outcome (success, failure, aborted);</li>
 *   <li>{@code timer_retries_total}: attempts after the first, over all executions;</li>
 *   <li>{@code timer_callback_duration_seconds}: how long each execution took, all its attempts included;</li>
 *   <li>{@code timer_outcome_write_failures_total}: outcomes whose write failed and was retried;</li>
 *   <li>{@code timer_outcomes_isolated_total}: outcomes that could not be stored with their batch and were
 *       recorded alone as failed with the reason (or given up);</li>
 *   <li>{@code timer_fires_skipped_total{reason}}: occurrences skipped, not fired (in_flight, misfire).</li>
 * </ul>
 *
 * <p>It also reads the fire counter and the lateness histogram back, as {@link FireTotals}, for the
 * recent metrics the API serves.
 */
final class HelidonFireMetrics implements FireMetrics, FireTotals {

    private final Counter fires;
    private final Timer lateness;
    private final Counter[] executions = new Counter[ExecutionOutcome.values().length];
    private final Counter retries;
    private final Timer duration;
    private final Counter writeFailures;
    private final Counter isolated;
    private final Counter[] skipped = new Counter[Skips.Reason.values().length];

    HelidonFireMetrics(TimerMetrics metrics) {
        fires = metrics.counter("timer.fires", "Fires sent");
        lateness = metrics.secondsHistogram("timer.fire.lateness.seconds", "Delay from a fire's scheduled time to its sending, in seconds");
        for (ExecutionOutcome outcome : ExecutionOutcome.values()) {
            executions[outcome.ordinal()] = metrics.counter("timer.executions", "Finished executions by outcome",
                    Tag.create("outcome", outcome.wire()));
        }
        retries = metrics.counter("timer.retries", "Attempts after the first one of an execution");
        duration = metrics.secondsHistogram("timer.callback.duration.seconds",
                "Duration of an execution, all attempts included, in seconds");
        writeFailures = metrics.counter("timer.outcome.write.failures", "Outcomes whose write failed (and was retried)");
        isolated = metrics.counter("timer.outcomes.isolated", "Outcomes stored alone as failed with the reason, or given up");
        for (Skips.Reason reason : Skips.Reason.values()) {
            skipped[reason.ordinal()] = metrics.counter("timer.fires.skipped", "Occurrences skipped, not fired, by reason",
                    Tag.create("reason", reason.wire()));
        }
    }

    @Override
    public void fired(long latenessMs) {
        fires.increment();
        lateness.record(latenessMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void executed(ExecutionOutcome outcome, long durationMs, int attempts) {
        executions[outcome.ordinal()].increment();
        if (attempts > 1) {
            retries.increment(attempts - 1L);
        }
        duration.record(durationMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void outcomeWriteFailed(int outcomes) {
        writeFailures.increment(outcomes);
    }

    @Override
    public void outcomeIsolated() {
        isolated.increment();
    }

    @Override
    public void skipped(Skips.Reason reason, long occurrences) {
        skipped[reason.ordinal()].increment(occurrences);
    }

    @Override
    public Totals read() {
        HistogramSnapshot snapshot = lateness.snapshot();
        List<Bucket> buckets = new ArrayList<>();
        snapshot.histogramCounts().forEach(bucket -> buckets.add(new Bucket(bucket.boundary(TimeUnit.MILLISECONDS), bucket.count())));
        return new Totals((long) fires.count(), buckets, snapshot.count());
    }
}
