package com.coze.timer.application.engine;

import com.coze.timer.domain.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a {@link SchedulerEngine} on three threads: the wheel driver (sleeps until the wheel's next
 * expiration, at most {@value #MAX_PARK_MS} ms, and is woken by new work), the refill loop, and the
 * outcome writer. A failing step is logged and retried; outcomes are never dropped — a batch that
 * could not be written is retried until it is.
 *
 * <p>{@link #close()} stops gracefully: no new fires, unsent fires handed back to storage, calls in
 * flight given {@code grace} to finish and their outcomes written; calls still running after that
 * are aborted and stay claimed, to be repeated after their lease.
 */
public final class EngineRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EngineRunner.class.getName());
    private static final long MAX_PARK_MS = 50;

    private final SchedulerEngine engine;
    private final Clock clock;
    private final Duration refillInterval;
    private final Duration grace;
    private final ScheduledExecutorService refiller;
    private final Thread driver;
    private final Thread writer;
    private volatile boolean firing = true;
    private volatile boolean writing = true;

    public EngineRunner(SchedulerEngine engine, Clock clock, Duration refillInterval, Duration grace) {
        this.engine = engine;
        this.clock = clock;
        this.refillInterval = refillInterval;
        this.grace = grace;
        this.refiller = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("timer-refill").daemon().unstarted(r));
        this.driver = Thread.ofPlatform().name("timer-wheel").daemon().unstarted(this::drive);
        this.writer = Thread.ofPlatform().name("timer-outcomes").daemon().unstarted(this::writeOutcomes);
        engine.onWork(() -> LockSupport.unpark(driver));
    }

    public EngineRunner start() {
        driver.start();
        writer.start();
        refiller.scheduleWithFixedDelay(this::refill, 0, refillInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void refill() {
        try {
            engine.refill();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refilling the timing wheel failed; retrying in " + refillInterval.toMillis() + " ms", e);
        }
    }

    private void drive() {
        while (firing) {
            try {
                engine.advance();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "timing wheel step failed", e);
            }
            long waitMs = Math.min(engine.nextExpirationMs() - clock.millis(), MAX_PARK_MS);
            if (waitMs > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMs));
            }
        }
    }

    private void writeOutcomes() {
        while (writing || engine.trackedFires() > 0) {
            try {
                List<SchedulerEngine.Finished> batch = engine.takeFinished(20);
                writeUntilStored(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeUntilStored(List<SchedulerEngine.Finished> batch) throws InterruptedException {
        long backoffMs = 100;
        while (!batch.isEmpty()) {
            try {
                engine.write(batch);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "writing " + batch.size() + " outcomes failed; retrying in " + backoffMs + " ms", e);
                engine.metrics().outcomeWriteFailed(batch.size());
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    /**
     * False when a thread of the engine has died while the engine should run — a fault that no retry
     * heals, the instance fires nothing more: a liveness signal. True before {@link #start()} and
     * after {@link #close()}.
     */
    public boolean isAlive() {
        return !firing || running(driver) && running(writer);
    }

    private static boolean running(Thread thread) {
        return thread.isAlive() || thread.getState() == Thread.State.NEW;
    }

    @Override
    public void close() {
        firing = false;
        refiller.shutdownNow();
        LockSupport.unpark(driver);
        join(driver, Duration.ofSeconds(5));
        handBack(engine.withdrawWaiting());
        long deadline = System.nanoTime() + grace.toNanos();
        while (engine.trackedFires() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        engine.abortInFlight();
        writing = false;
        join(writer, Duration.ofSeconds(10));
    }

    private void handBack(List<Task> released) {
        if (released.isEmpty()) {
            return;
        }
        try {
            engine.ledger().writeAll(released);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hand back " + released.size() + " unsent fires; they fire after their lease", e);
        }
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
