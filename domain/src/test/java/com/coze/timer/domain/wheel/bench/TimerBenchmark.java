package com.coze.timer.domain.wheel.bench;

import com.coze.timer.domain.wheel.TimerEntry;
import com.coze.timer.domain.wheel.TimingWheel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One million timers, expiring over 0–60 s, in the {@link TimingWheel} (1 ms tick), a
 * {@link DelayQueue} and a {@link ScheduledThreadPoolExecutor}: insert, insert then cancel, and
 * insert then expire. Each invocation handles all of them and starts from empty structures.
 *
 * <p>Time is simulated: the wheel is advanced millisecond by millisecond over the 60 s, and the
 * DelayQueue's elements read a shared mutable {@code nowMs}. The executor can only expire in real
 * time, so it is measured for schedule and cancel (with remove-on-cancel) only, its timers set an
 * hour out so that none runs meanwhile. {@code DelayQueue.remove(Object)} is a linear scan, which
 * would take hours for 1M timers, so its cancel is measured on 10,000. Every setup collects the
 * garbage of the invocation before, outside the measurement, so the figures leave GC out.
 *
 * <p>Run as told in {@code docs/BENCHMARKS.md}. The class name does not end in {@code Test}, so
 * surefire leaves it alone.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
// A young generation that holds one invocation's garbage: a shot measures the operations, not
// whichever collection happens to fall into it (each setup collects beforehand).
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Xmn3g"})
public class TimerBenchmark {

    static final int TIMERS = 1_000_000;
    static final int FEW_TIMERS = 10_000;
    static final long SPREAD_MS = 60_000;
    static final long NOT_IN_THIS_RUN_MS = TimeUnit.HOURS.toMillis(1);
    static final Runnable TASK = () -> { };

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {TimerBenchmark.class.getSimpleName()} : args);
    }

    /** The same expirations, in ms after time 0, for every contender. */
    @State(Scope.Benchmark)
    public static class Expirations {
        final long[] expirationMs = new long[TIMERS];

        @Setup(Level.Trial)
        public void draw() {
            Random random = new Random(2024);
            for (int i = 0; i < TIMERS; i++) {
                expirationMs[i] = 1 + random.nextLong(SPREAD_MS);
            }
        }
    }

    @State(Scope.Thread)
    public static class Wheel {
        @Param({"20", "512"})
        int wheelSize;

        TimingWheel<Runnable> wheel;
        @SuppressWarnings("unchecked")
        final TimerEntry<Runnable>[] entries = new TimerEntry[TIMERS];
        long expired;
        final Consumer<Runnable> countExpired = task -> expired++;

        @Setup(Level.Invocation)
        public void empty() {
            Arrays.fill(entries, null);
            wheel = new TimingWheel<>(1, wheelSize, 0);
            expired = 0;
            System.gc();
        }
    }

    @State(Scope.Thread)
    public static class Queue {
        final ManualNow now = new ManualNow();
        DelayQueue<DelayedTimer> queue;
        final DelayedTimer[] timers = new DelayedTimer[TIMERS];

        @Setup(Level.Invocation)
        public void empty() {
            Arrays.fill(timers, null);
            now.ms = 0;
            queue = new DelayQueue<>();
            System.gc();
        }
    }

    @State(Scope.Thread)
    public static class Executor {
        ScheduledThreadPoolExecutor executor;
        final ScheduledFuture<?>[] futures = new ScheduledFuture<?>[TIMERS];

        @Setup(Level.Invocation)
        public void start() {
            Arrays.fill(futures, null);
            System.gc();
            executor = new ScheduledThreadPoolExecutor(1);
            executor.setRemoveOnCancelPolicy(true);
            executor.prestartAllCoreThreads();
        }

        @TearDown(Level.Invocation)
        public void stop() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    @Benchmark
    public int wheelInsert(Expirations timers, Wheel state) {
        for (int i = 0; i < TIMERS; i++) {
            state.entries[i] = state.wheel.add(TASK, timers.expirationMs[i]);
        }
        return state.wheel.size();
    }

    @Benchmark
    public int wheelInsertThenCancel(Expirations timers, Wheel state) {
        wheelInsert(timers, state);
        for (int i = 0; i < TIMERS; i++) {
            state.entries[i].cancel();
        }
        return state.wheel.size();
    }

    @Benchmark
    public long wheelInsertThenExpire(Expirations timers, Wheel state) {
        wheelInsert(timers, state);
        for (long nowMs = 1; nowMs <= SPREAD_MS; nowMs++) {
            state.wheel.advanceClock(nowMs, state.countExpired);
        }
        return state.expired;
    }

    @Benchmark
    public int delayQueueInsert(Expirations timers, Queue state) {
        for (int i = 0; i < TIMERS; i++) {
            state.queue.offer(state.timers[i] = new DelayedTimer(timers.expirationMs[i], state.now));
        }
        return state.queue.size();
    }

    /** On {@value #FEW_TIMERS} timers, not 1M: see the class comment. */
    @Benchmark
    public int delayQueueInsertThenRemove10k(Expirations timers, Queue state) {
        for (int i = 0; i < FEW_TIMERS; i++) {
            state.queue.offer(state.timers[i] = new DelayedTimer(timers.expirationMs[i], state.now));
        }
        for (int i = 0; i < FEW_TIMERS; i++) {
            state.queue.remove(state.timers[i]);
        }
        return state.queue.size();
    }

    @Benchmark
    public long delayQueueInsertThenExpire(Expirations timers, Queue state) {
        delayQueueInsert(timers, state);
        long expired = 0;
        for (state.now.ms = 1; state.now.ms <= SPREAD_MS; state.now.ms++) {
            while (state.queue.poll() != null) {
                expired++;
            }
        }
        return expired;
    }

    @Benchmark
    public int executorSchedule(Expirations timers, Executor state) {
        for (int i = 0; i < TIMERS; i++) {
            state.futures[i] = state.executor.schedule(
                    TASK, NOT_IN_THIS_RUN_MS + timers.expirationMs[i], TimeUnit.MILLISECONDS);
        }
        return state.executor.getQueue().size();
    }

    @Benchmark
    public int executorScheduleThenCancel(Expirations timers, Executor state) {
        executorSchedule(timers, state);
        for (int i = 0; i < TIMERS; i++) {
            state.futures[i].cancel(false);
        }
        return state.executor.getQueue().size();
    }

    /** The benchmark's notion of the current time, which the DelayQueue's elements read. */
    static final class ManualNow {
        long ms;
    }

    static final class DelayedTimer implements Delayed {
        private final long expirationMs;
        private final ManualNow now;

        DelayedTimer(long expirationMs, ManualNow now) {
            this.expirationMs = expirationMs;
            this.now = now;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(expirationMs - now.ms, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(expirationMs, ((DelayedTimer) other).expirationMs);
        }
    }
}
