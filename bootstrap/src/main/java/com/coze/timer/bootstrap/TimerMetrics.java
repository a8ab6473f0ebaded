package com.coze.timer.bootstrap;

import com.coze.timer.application.engine.SchedulerEngine;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.task.TaskStatus;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The service's own meters, registered in Helidon's meter registry and served in Prometheus form
 * at {@code /observe/metrics}. A meter named {@code timer.fires} appears as {@code timer_fires_total}
 * (counters get {@code _total}), a timer as a histogram in seconds
 * ({@code _bucket}, {@code _count}, {@code _sum}, {@code _max}).
 *
 * <p>Counters and histograms are fed by {@link HelidonFireMetrics} (the engine) and
 * {@link RateLimitMetrics} (the callback sender); gauges are read when scraped: the engine's wheel,
 * the tasks by status (cached, see {@link TaskStatusCounts}), and whatever else a component adds
 * through {@link #gauge} — the cluster's owned slots, say. {@link #close()} removes every meter it
 * made, so that a service started again in the same JVM does not read the old one's gauges.
 */
final class TimerMetrics implements AutoCloseable {

    /**
     * Histogram buckets, in seconds (Prometheus' base unit), from 1 ms to 60 s, roughly 1-2.5-5 per
     * decade: lateness and callback durations alike, so that a fire a minute late or a call that
     * used its whole transfer timeout still lands in a finite bucket.
     */
    static final double[] BUCKETS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final MeterRegistry registry;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    TimerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The engine's counters and histograms. */
    HelidonFireMetrics fires() {
        return new HelidonFireMetrics(this);
    }

    /** The failure-callback relay's and the log purge's counters. */
    HelidonDeliveryMetrics delivery() {
        return new HelidonDeliveryMetrics(this);
    }

    /** The callback sender's rate-limit waits. */
    RateLimitMetrics rateLimits() {
        return new RateLimitMetrics(this);
    }

    /** Gauges of the engine: entries on the wheel, fires held in memory, and the window it claims ahead. */
    void watchEngine(SchedulerEngine engine, Duration window) {
        gauge("timer.wheel.entries", "Fires waiting on the timing wheel", engine::wheelSize);
        gauge("timer.tracked.fires", "Fires held in memory: on the wheel, queued for it, or in flight", engine::trackedFires);
        double windowSeconds = seconds(window.toMillis());
        gauge("timer.engine.window.seconds", "How far ahead the engine claims fires, in seconds", () -> windowSeconds);
    }

    /** A gauge per task status, over all users, from counts cached for {@code maxAge}. */
    void watchTasks(TaskQueries queries, Duration maxAge) {
        TaskStatusCounts counts = new TaskStatusCounts(queries, maxAge);
        for (TaskStatus status : TaskStatus.values()) {
            add(Gauge.builder("timer.tasks", () -> counts.count(status))
                    .description("Tasks in each status, over all users (NaN while the database cannot be read)")
                    .addTag(Tag.create("status", status.wire())));
        }
    }

    /** Adds a gauge read from {@code value} when scraped; for components wired outside this class. */
    void gauge(String name, String description, Supplier<? extends Number> value) {
        add(Gauge.builder(name, () -> value.get().doubleValue()).description(description));
    }

    Counter counter(String name, String description, Tag... tags) {
        Counter.Builder builder = Counter.builder(name).description(description);
        for (Tag tag : tags) {
            builder.addTag(tag);
        }
        return add(builder);
    }

    /**
     * A histogram of seconds over {@link #BUCKETS_SECONDS}; record with {@code record(ms, MILLISECONDS)}.
     * A timer, not a distribution summary: Micrometer rounds a summary's values up to whole units
     * before it buckets them, which put every sub-second value in the 1 s bucket; a timer buckets
     * exact nanoseconds and is served in seconds all the same.
     */
    Timer secondsHistogram(String name, String description) {
        Duration[] buckets = new Duration[BUCKETS_SECONDS.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(BUCKETS_SECONDS[i] * 1e9));
        }
        // Buckets only: client-side percentiles (Helidon's default) cannot be aggregated over instances.
        return add(Timer.builder(name).percentiles(new double[0]).buckets(buckets).description(description));
    }

    /** Milliseconds as seconds, the unit every meter of the service reports time in. */
    static double seconds(long millis) {
        return millis / 1000.0;
    }

    private <B extends Meter.Builder<B, M>, M extends Meter> M add(B builder) {
        M meter = registry.getOrCreate(builder);
        meters.add(meter);
        return meter;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
