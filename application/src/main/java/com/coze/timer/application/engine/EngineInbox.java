package com.coze.timer.application.engine;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The wheel thread's inbox: any thread {@link #post}s a command, only the wheel thread
 * {@link #drain}s and applies them, in the order posted. A command that throws is logged and
 * skipped; it never stops the commands after it. A poster may wait until its command is applied
 * ({@link #postAndWait}), which is how a change through the API holds by the time its response returns.
 */
final class EngineInbox {

    private static final Logger LOG = Logger.getLogger(EngineInbox.class.getName());
    /** The most commands applied in one step, so that commands posted while draining wait for the next. */
    static final int MAX_PER_DRAIN = 50_000;

    private record Posted(EngineCommand command, CompletableFuture<Void> applied) {
    }

    private final Queue<Posted> queue = new ConcurrentLinkedQueue<>();
    private volatile Runnable wake = () -> { };
    private volatile boolean drained;

    /** Runs {@code wakeOwner} after every post (the runner unparks the wheel thread). */
    void onPost(Runnable wakeOwner) {
        this.wake = wakeOwner;
    }

    /** From now on a thread drains this inbox, so that {@link #postAndWait} waits for it. */
    void drainedByAThread() {
        drained = true;
    }

    /** Queues {@code command}; the future completes once the wheel thread applied it (or skipped it as failed). */
    CompletableFuture<Void> post(EngineCommand command) {
        Posted posted = new Posted(command, new CompletableFuture<>());
        queue.add(posted);
        wake.run();
        return posted.applied();
    }

    /**
     * Posts {@code command} and, when a thread drains the inbox, waits up to {@code timeout} until it is
     * applied; true if it was (always true when nobody drains yet: a test steps the engine itself).
     */
    boolean postAndWait(EngineCommand command, Duration timeout) {
        CompletableFuture<Void> applied = post(command);
        if (!drained) {
            return true;
        }
        try {
            applied.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Applies the queued commands with {@code apply}, at most {@value #MAX_PER_DRAIN}; returns how many. Wheel thread only. */
    int drain(Consumer<EngineCommand> apply) {
        int applied = 0;
        for (Posted posted = queue.poll(); posted != null; posted = applied < MAX_PER_DRAIN ? queue.poll() : null) {
            applied++;
            try {
                apply.accept(posted.command());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "applying " + posted.command().getClass().getSimpleName() + " failed; going on", e);
            } finally {
                posted.applied().complete(null);
            }
        }
        return applied;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
