package com.coze.timer.bootstrap.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the sink saw during one run, recorded from many server threads at once.
 *
 * <ul>
 *   <li>From {@link #track(long)} on: every fire, keyed by task and scheduled time, so that a fire
 *       received twice (a retry, or two instances claiming one occurrence) counts as a duplicate.</li>
 *   <li>Inside the measure window {@code [start, end)} by arrival time: lateness (arrival minus
 *       {@code X-Timer-Scheduled-Time}, µs) into an HdrHistogram {@link Recorder}, arrivals per second,
 *       and which tasks fired at all (a task that never fires is "silent").</li>
 *   <li>Fires <em>scheduled</em> inside the window and received (any time, first copy only): expected
 *       minus these is the number of missing fires, skipped or still not delivered.</li>
 * </ul>
 */
final class Arrivals {

    /** One occurrence of one task. */
    private record FireKey(long taskMsb, long taskLsb, long scheduledMicros) {
    }

    /** The first copy of a fire received. */
    private record FirstCopy(UUID executionId, long arrivalMicros) {
    }

    /** A fire received twice, for the report: the task, its scheduled time, both copies. */
    record Duplicate(String taskId, long scheduledMicros, UUID firstExecutionId, long firstArrivalMicros,
                     String executionId, long arrivalMicros) {
    }

    private final Recorder lateness = new Recorder(3);
    private final Map<FireKey, FirstCopy> seen = new ConcurrentHashMap<>(1 << 16);
    private final Queue<Duplicate> duplicateExamples = new ConcurrentLinkedQueue<>();
    private final Set<String> tasksInWindow = ConcurrentHashMap.newKeySet(1 << 16);
    private final LongAdder inWindow = new LongAdder();
    private final LongAdder early = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder scheduledInWindow = new LongAdder();
    private final LongAdder total = new LongAdder();
    private volatile long trackFromMicros = Long.MAX_VALUE;
    private volatile long windowStartMicros = Long.MAX_VALUE;
    private volatile long windowEndMicros = Long.MAX_VALUE;
    private volatile AtomicLongArray perSecond = new AtomicLongArray(1);
    private volatile long lastWindowFireArrivalMicros;

    /** Keeps fires scheduled from {@code fromMicros} on, to find duplicates. */
    void track(long fromMicros) {
        trackFromMicros = fromMicros;
    }

    /** Opens the measure window. */
    void window(long startMicros, long endMicros) {
        perSecond = new AtomicLongArray((int) ((endMicros - startMicros + 999_999) / 1_000_000));
        lateness.reset();
        windowEndMicros = endMicros;
        windowStartMicros = startMicros;
    }

    void record(long arrivalMicros, long scheduledMicros, String taskId, String executionId) {
        total.increment();
        long start = windowStartMicros;
        if (arrivalMicros >= start && arrivalMicros < windowEndMicros) {
            long late = arrivalMicros - scheduledMicros;
            if (late < 0) {
                early.increment();
                late = 0;
            }
            lateness.recordValue(late);
            inWindow.increment();
            tasksInWindow.add(taskId);
            perSecond.incrementAndGet((int) ((arrivalMicros - start) / 1_000_000));
        }
        if (scheduledMicros >= trackFromMicros) {
            UUID task = UUID.fromString(taskId);
            FirstCopy earlier = seen.putIfAbsent(new FireKey(task.getMostSignificantBits(), task.getLeastSignificantBits(),
                    scheduledMicros), new FirstCopy(UUID.fromString(executionId), arrivalMicros));
            if (earlier != null) {
                duplicates.increment();
                if (duplicateExamples.size() < 20) {
                    duplicateExamples.add(new Duplicate(taskId, scheduledMicros, earlier.executionId(),
                            earlier.arrivalMicros(), executionId, arrivalMicros));
                }
            } else if (scheduledMicros >= start && scheduledMicros < windowEndMicros) {
                scheduledInWindow.increment();
                lastWindowFireArrivalMicros = arrivalMicros;
            }
        }
    }

    /** The lateness recorded since the window opened (call once, after it closed). */
    Histogram latenessMicros() {
        return lateness.getIntervalHistogram();
    }

    long inWindow() {
        return inWindow.sum();
    }

    /** Tasks that fired at least once inside the window. */
    long tasksSeenInWindow() {
        return tasksInWindow.size();
    }

    long early() {
        return early.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    /** Up to 20 of the duplicates, as received. */
    List<Duplicate> duplicateExamples() {
        return List.copyOf(duplicateExamples);
    }

    long total() {
        return total.sum();
    }

    long scheduledInWindowReceived() {
        return scheduledInWindow.sum();
    }

    /**
     * Up to {@code limit} occurrences scheduled inside the window that never arrived, as
     * {@code taskId@scheduledTime}: the grid points of each task, from its fires received, that
     * have no fire (call after the drain). Tasks with no fire in the window at all are left out.
     */
    List<String> missingExamples(long intervalMicros, int limit) {
        long start = windowStartMicros;
        long end = windowEndMicros;
        Map<UUID, TreeSet<Long>> byTask = new HashMap<>();
        seen.keySet().stream().filter(key -> key.scheduledMicros() >= start && key.scheduledMicros() < end)
                .forEach(key -> byTask.computeIfAbsent(new UUID(key.taskMsb(), key.taskLsb()), t -> new TreeSet<>())
                        .add(key.scheduledMicros()));
        List<String> missing = new ArrayList<>();
        byTask.forEach((task, times) -> {
            long phase = Math.floorMod(times.first() - start, intervalMicros);
            for (long at = start + phase; at < end && missing.size() < limit; at += intervalMicros) {
                if (!times.contains(at)) {
                    missing.add(task + "@" + Instant.ofEpochSecond(0, at * 1_000));
                }
            }
        });
        return missing;
    }

    /** When a fire scheduled inside the window last arrived for the first time. */
    long lastWindowFireArrivalMicros() {
        return lastWindowFireArrivalMicros;
    }

    long[] perSecond() {
        AtomicLongArray counts = perSecond;
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }
}
