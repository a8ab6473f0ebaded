package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.StorageUnavailable;
import com.coze.timer.domain.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a {@link SchedulerEngine} on three threads: the wheel thread (applies the inbox, sends what is
 * due, then sleeps until the wheel's next expiration, at most {@value #MAX_PARK_MS} ms, woken by every
 * command posted), the refill loop (also woken when the wheel asks for a claim), and the outcome
 * writer. A failing step is logged and the thread goes on; a batch of outcomes that storage refuses
 * whole is retried with backoff, at most {@link OutcomeWriter#MAX_ATTEMPTS} times.
 *
 * <p>{@link #close()} stops gracefully: no new fires, unsent fires handed back to storage, calls in
 * flight given {@code grace} to finish and their outcomes written; calls still running after that
 * are aborted and stay claimed, to be repeated after their lease. The wheel thread runs until the
 * end, so that outcomes still reach the writer.
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
    private volatile boolean driving = true;
    private volatile boolean firing = true;
    private volatile boolean writing = true;
    private final AtomicBoolean refillAsked = new AtomicBoolean();

    public EngineRunner(SchedulerEngine engine, Clock clock, Duration refillInterval, Duration grace) {
        this.engine = engine;
        this.clock = clock;
        this.refillInterval = refillInterval;
        this.grace = grace;
        this.refiller = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("timer-refill").daemon().unstarted(r));
        this.driver = Thread.ofPlatform().name("timer-wheel").daemon().unstarted(this::drive);
        this.writer = Thread.ofPlatform().name("timer-outcomes").daemon().unstarted(this::writeOutcomes);
        engine.inbox().onPost(() -> LockSupport.unpark(driver));
        engine.wheel().onClaimWanted(this::refillSoon);
    }

    public EngineRunner start() {
        driver.start();
        writer.start();
        engine.inbox().drainedByAThread();
        refiller.scheduleWithFixedDelay(this::refill, 0, refillInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * A refill now, for a claim the wheel asked for; at most one is queued however many are asked
     * for (a burst of creates asks once per task), none while stopping.
     */
    private void refillSoon() {
        try {
            if (firing && !refillAsked.getAndSet(true)) {
                refiller.execute(this::refill);
            }
        } catch (RejectedExecutionException e) {
            // stopping: the claim is left for the next owner
        }
    }

    private void refill() {
        refillAsked.set(false);
        try {
            engine.refill();
        } catch (StorageUnavailable e) {
            LOG.warning("refilling the timing wheel failed, storage unreachable; retrying in " + refillInterval.toMillis() + " ms: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refilling the timing wheel failed; retrying in " + refillInterval.toMillis() + " ms", e);
        }
    }

    private void drive() {
        while (driving) {
            try {
                engine.advance();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "timing wheel step failed; going on", e);
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
                writeWithBackoff(engine.writer().take(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeWithBackoff(List<FireWheel.Finished> batch) throws InterruptedException {
        long backoffMs = 100;
        for (int attempt = 1; !batch.isEmpty(); attempt++) {
            try {
                engine.writer().write(batch);
                return;
            } catch (StorageUnavailable e) {
                engine.metrics().outcomeWriteFailed(batch.size());
                attempt = 0; // an outage is waited out: its fires are neither given up nor recorded as failed
                LOG.warning("writing " + batch.size() + " outcomes failed, storage unreachable; retrying in " + backoffMs + " ms: "
                        + e.getMessage());
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 2_000);
            } catch (RuntimeException e) {
                engine.metrics().outcomeWriteFailed(batch.size());
                if (attempt >= OutcomeWriter.MAX_ATTEMPTS) {
                    engine.writer().giveUp(batch, e);
                    return;
                }
                LOG.warning("writing " + batch.size() + " outcomes failed; retrying in " + backoffMs + " ms: " + e.getMessage());
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
        awaitRefillEnd();
        engine.inbox().postAndWait(new EngineCommand.Stop(), Duration.ofSeconds(5));
        int unsent = handBack(engine.refiller().drainReleased());
        LOG.info("stopping: handed back " + unsent + " unsent fires; waiting up to " + grace.toMillis() + " ms for "
                + engine.trackedFires() + " calls in flight");
        long deadline = System.nanoTime() + grace.toNanos();
        while (engine.trackedFires() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        int cut = engine.trackedFires();
        engine.inbox().postAndWait(new EngineCommand.AbortAll(), Duration.ofSeconds(5));
        writing = false;
        join(writer, Duration.ofSeconds(10));
        int next = handBack(engine.refiller().drainReleased()); // next claims of outcomes written while stopping
        LOG.info("engine stopped: " + next + " next claims handed back, " + cut + " calls still in flight at the end of the grace period");
        driving = false;
        LockSupport.unpark(driver);
        join(driver, Duration.ofSeconds(5));
    }

    private void awaitRefillEnd() {
        try {
            refiller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes back the released claims; returns how many were written. */
    private int handBack(List<Task> released) {
        if (released.isEmpty()) {
            return 0;
        }
        try {
            int written = (int) engine.ledger().writeAll(released).stream().filter(Optional::isPresent).count();
            if (written < released.size()) {
                LOG.info((released.size() - written) + " of " + released.size() + " fires to hand back had changed in storage meanwhile");
            }
            return written;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hand back " + released.size() + " unsent fires; they fire after their lease", e);
            return 0;
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
