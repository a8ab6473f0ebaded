package com.coze.timer.application.metrics;

import com.coze.timer.application.jobs.RepeatingJob;
import com.coze.timer.application.port.in.ViewRecentMetrics;
import com.coze.timer.application.port.out.FireTotals;
import com.coze.timer.application.port.out.FireTotals.Totals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The last minutes of this instance's own fire metrics, kept in memory so that a page opened now can
 * show them at once: every {@code step} a sample of the fire counter and the lateness histogram goes
 * into a fixed ring holding {@code window / step + 1} samples (the oldest overwritten, nothing grows),
 * and {@link #recent} turns each pair of neighbouring samples into a {@link Step}: the fires per
 * second between them, and the p50 and p99 lateness of those fires ({@link HistogramQuantile}).
 *
 * <p>Threading: the ring is guarded by this object's monitor. {@link #start} starts a
 * {@link RepeatingJob} whose thread alone calls {@link #sample} (or a test does); {@link #recent} is
 * called by request threads and copies the ring under the monitor before computing; {@link #close}
 * may be called from any thread.
 */
public final class RecentFireMetrics implements ViewRecentMetrics, AutoCloseable {

    /** How often a sample is taken. */
    public static final Duration STEP = Duration.ofSeconds(5);
    /** How far back the samples reach. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration LAST_MINUTE = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(RecentFireMetrics.class.getName());

    private record Sample(Instant at, Totals totals) {
    }

    private final FireTotals totals;
    private final Clock clock;
    private final Sample[] ring = new Sample[(int) (WINDOW.toMillis() / STEP.toMillis()) + 1];
    private final RepeatingJob job;
    private int next;
    private int size;

    public RecentFireMetrics(FireTotals totals, Clock clock) {
        this.totals = totals;
        this.clock = clock;
        this.job = new RepeatingJob("timer-recent-metrics", "sampling the fire metrics", () -> {
            sample();
            return false;
        }, STEP, LOG);
    }

    /** Takes the first sample now and then one every {@link #STEP}. */
    public RecentFireMetrics start() {
        job.start();
        return this;
    }

    /** Reads the counter and the histogram and keeps them with the clock's time. */
    public void sample() {
        Sample sample = new Sample(clock.instant(), totals.read());
        synchronized (this) {
            ring[next] = sample;
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
        }
    }

    @Override
    public RecentMetrics recent() {
        List<Sample> samples = samples();
        List<Step> steps = new ArrayList<>(Math.max(0, samples.size() - 1));
        for (int i = 1; i < samples.size(); i++) {
            steps.add(step(samples.get(i - 1), samples.get(i)));
        }
        Optional<Step> lastMinute = Optional.empty();
        if (samples.size() > 1) {
            Sample latest = samples.getLast();
            Instant since = latest.at().minus(LAST_MINUTE);
            Sample first = samples.stream().filter(s -> !s.at().isBefore(since)).findFirst().orElse(latest);
            lastMinute = Optional.of(step(first == latest ? samples.get(samples.size() - 2) : first, latest));
        }
        return new RecentMetrics(STEP, WINDOW, steps, lastMinute);
    }

    /** The samples, oldest first. */
    private synchronized List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            samples.add(ring[Math.floorMod(next - size + i, ring.length)]);
        }
        return samples;
    }

    private static Step step(Sample from, Sample to) {
        double seconds = Duration.between(from.at(), to.at()).toMillis() / 1000.0;
        long fires = Math.max(0, to.totals().fires() - from.totals().fires());
        return new Step(to.at(), seconds > 0 ? fires / seconds : 0,
                HistogramQuantile.between(0.5, from.totals(), to.totals()),
                HistogramQuantile.between(0.99, from.totals(), to.totals()));
    }

    @Override
    public void close() {
        job.close();
    }
}
