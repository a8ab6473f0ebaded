package com.coze.timer.bootstrap.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run (or the medians of several), as one Markdown table row. Lateness in
 * milliseconds; CPU in cores (CPU seconds per wall second) of the service JVM, its MariaDB, the
 * benchmark JVM (sink and clients) and the whole machine (the rest is other people's work on a
 * shared machine).
 */
record RunResult(
        int tasks,
        String run,
        double ceilingPerSecond,
        double ceilingP99Ms,
        double createdPerSecond,
        double expectedPerSecond,
        double firesPerSecond,
        double loggedPerSecond,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double duplicates,
        double missing,
        double failedLogs,
        double early,
        double silentTasks,
        double serviceCores,
        double dbCores,
        double benchCores,
        double machineCores,
        double slowestSecond) {

    static final String HEADER = """
            | N | run | sink ceiling req/s (p99 ms) | created/s | fires/s expected | fires/s achieved | logged/s \
            | lateness p50 ms | p99 | p99.9 | max | duplicates | missing | silent tasks | failed | slowest 1 s | CPU cores service/db/sink/machine |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|""".stripTrailing();

    static RunResult of(int tasks, int attempt, SinkCeiling.Result ceiling, double createdPerSecond, double expected,
                        double fires, double logged, Histogram lateness, long duplicates, long missing, long failedLogs,
                        long early, long silentTasks, double serviceCores, double dbCores, double benchCores, double machineCores,
                        long[] perSecond) {
        return new RunResult(tasks, "#" + attempt, ceiling.requestsPerSecond(),
                ceiling.latencyMicros().getValueAtPercentile(99) / 1000.0, createdPerSecond, expected, fires, logged,
                ms(lateness, 50), ms(lateness, 99), ms(lateness, 99.9), lateness.getMaxValue() / 1000.0,
                duplicates, missing, failedLogs, early, silentTasks, serviceCores, dbCores, benchCores, machineCores,
                Arrays.stream(perSecond).min().orElse(0));
    }

    /** The median of every figure over {@code runs} (each column on its own). */
    static RunResult median(List<RunResult> runs) {
        return new RunResult(runs.getFirst().tasks(), "median of " + runs.size(),
                m(runs, RunResult::ceilingPerSecond), m(runs, RunResult::ceilingP99Ms), m(runs, RunResult::createdPerSecond),
                m(runs, RunResult::expectedPerSecond), m(runs, RunResult::firesPerSecond), m(runs, RunResult::loggedPerSecond),
                m(runs, RunResult::p50Ms), m(runs, RunResult::p99Ms), m(runs, RunResult::p999Ms), m(runs, RunResult::maxMs),
                m(runs, RunResult::duplicates), m(runs, RunResult::missing), m(runs, RunResult::failedLogs),
                m(runs, RunResult::early), m(runs, RunResult::silentTasks), m(runs, RunResult::serviceCores), m(runs, RunResult::dbCores),
                m(runs, RunResult::benchCores), m(runs, RunResult::machineCores), m(runs, RunResult::slowestSecond));
    }

    String row() {
        return String.format(Locale.ROOT,
                "| %,d | %s | %,.0f (%.1f) | %,.0f | %,.0f | %,.0f | %,.0f | %s | %s | %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.2f / %.2f / %.2f / %.2f |",
                tasks, run, ceilingPerSecond, ceilingP99Ms, createdPerSecond, expectedPerSecond, firesPerSecond,
                loggedPerSecond, fmt(p50Ms), fmt(p99Ms), fmt(p999Ms), fmt(maxMs), duplicates, missing, silentTasks, failedLogs,
                slowestSecond, serviceCores, dbCores, benchCores, machineCores);
    }

    private static String fmt(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms)
                : ms < 1000 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%,.0f", ms);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double m(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return LoadBenchmark.median(runs.stream().mapToDouble(figure).toArray());
    }
}
