package com.coze.timer.bootstrap;

import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What happened to every occurrence of a set of fixed-rate tasks in a window of scheduled times,
 * judged from the callbacks a receiver got: executed, duplicated (a second fire with another
 * execution id), repeated (the same execution id again — a fire in flight at a crash, which
 * receivers deduplicate), missed, the longest stretch of scheduled time a task went without a fire,
 * and how late fires arrived (first arrival minus scheduled time): the fail-over time shows there.
 */
record Occurrences(long expected, long executed, long duplicated, long repeated, long missed, Duration longestGap,
                   Duration p99Lateness, Duration maxLateness, List<String> offGrid, List<String> notFired) {

    private static final int EXAMPLES = 5;

    /**
     * Judges the occurrences scheduled in {@code [from, to)}, both taken to the millisecond as
     * scheduled times are: an occurrence in the window's first millisecond is expected and counted.
     */
    static Occurrences in(Collection<Received> received, Collection<String> taskIds, Duration interval, Instant windowFrom,
                          Instant windowTo) {
        Instant from = windowFrom.truncatedTo(ChronoUnit.MILLIS);
        Instant to = windowTo.truncatedTo(ChronoUnit.MILLIS);
        Map<String, Map<Instant, List<String>>> byTask = new HashMap<>();
        Map<String, Instant> anchors = new HashMap<>();
        Map<String, Long> firstArrivalLateness = new HashMap<>();
        for (Received r : received) {
            anchors.putIfAbsent(r.taskId(), r.scheduledTime());
            if (!r.scheduledTime().isBefore(from) && r.scheduledTime().isBefore(to)) {
                byTask.computeIfAbsent(r.taskId(), id -> new HashMap<>())
                        .computeIfAbsent(r.scheduledTime(), t -> new ArrayList<>()).add(r.executionId());
                firstArrivalLateness.putIfAbsent(r.taskId() + "@" + r.scheduledTime(),
                        Duration.between(r.scheduledTime(), r.arrivedAt()).toMillis());
            }
        }
        long[] lateness = firstArrivalLateness.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long expected = 0;
        long executed = 0;
        long duplicated = 0;
        long repeated = 0;
        Duration longestGap = Duration.ZERO;
        List<String> offGrid = new ArrayList<>();
        List<String> notFired = new ArrayList<>();
        for (String id : taskIds) {
            Instant anchor = anchors.get(id);
            expected += anchor == null ? 0 : gridPoints(anchor, interval, from, to);
            Map<Instant, List<String>> fires = byTask.getOrDefault(id, Map.of());
            executed += fires.size();
            for (List<String> executionIds : fires.values()) {
                long distinct = executionIds.stream().distinct().count();
                duplicated += distinct - 1;
                repeated += executionIds.size() - distinct;
            }
            longestGap = max(longestGap, longestGap(new TreeSet<>(fires.keySet()), from, to));
            if (anchor != null) {
                missing(anchor, interval, from, to, fires.keySet()).limit(EXAMPLES).forEach(t -> notFired.add(id + "@" + t));
                fires.keySet().stream().filter(t -> Math.floorMod(t.toEpochMilli() - anchor.toEpochMilli(), interval.toMillis()) != 0)
                        .limit(EXAMPLES).forEach(t -> offGrid.add(id + "@" + t + " (" + fires.get(t) + ")"));
            }
        }
        return new Occurrences(expected, executed, duplicated, repeated, expected - executed, longestGap,
                Duration.ofMillis(percentile(lateness, 0.99)), Duration.ofMillis(percentile(lateness, 1.0)),
                List.copyOf(offGrid.subList(0, Math.min(EXAMPLES, offGrid.size()))),
                List.copyOf(notFired.subList(0, Math.min(EXAMPLES, notFired.size()))));
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    /** The occurrences of the grid in {@code [from, to)} that have no fire. */
    private static java.util.stream.Stream<Instant> missing(Instant anchor, Duration interval, Instant from, Instant to,
                                                            java.util.Set<Instant> fired) {
        long step = interval.toMillis();
        long first = ceilDiv(from.toEpochMilli() - anchor.toEpochMilli(), step);
        long last = ceilDiv(to.toEpochMilli() - anchor.toEpochMilli(), step) - 1;
        return java.util.stream.LongStream.rangeClosed(first, last).mapToObj(k -> anchor.plusMillis(k * step))
                .filter(t -> !fired.contains(t));
    }

    private static long gridPoints(Instant anchor, Duration interval, Instant from, Instant to) {
        long step = interval.toMillis();
        long first = ceilDiv(from.toEpochMilli() - anchor.toEpochMilli(), step);
        long last = ceilDiv(to.toEpochMilli() - anchor.toEpochMilli(), step) - 1;
        return Math.max(0, last - first + 1);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static Duration longestGap(TreeSet<Instant> times, Instant from, Instant to) {
        Duration longest = Duration.ZERO;
        Instant previous = from;
        for (Instant t : times) {
            longest = max(longest, Duration.between(previous, t));
            previous = t;
        }
        return max(longest, Duration.between(previous, to));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "expected " + expected + ", executed " + executed + ", duplicated " + duplicated + ", repeated (same id) "
                + repeated + ", missed " + missed + ", longest gap " + longestGap.toMillis() + " ms, lateness p99 "
                + p99Lateness.toMillis() + " ms, max " + maxLateness.toMillis() + " ms"
                + (offGrid.isEmpty() ? "" : ", fires off their task's grid (scheduled times no occurrence has) e.g. " + offGrid)
                + (missed > 0 && !notFired.isEmpty() ? ", not fired in time e.g. " + notFired : "");
    }
}
