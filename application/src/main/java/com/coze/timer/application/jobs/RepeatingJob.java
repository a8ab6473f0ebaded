package com.coze.timer.application.jobs;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * A background job on its own thread: runs {@link Round}s until closed, pausing {@code pause}
 * after a round that found nothing more to do, and after a round that failed (one log line, no
 * stack trace: storage or a target being away is expected, and the next round tries again).
 *
 * <p>Threading: {@link #start} makes the thread, which alone runs the rounds; {@link #close} may be
 * called from any thread, once started or not.
 */
public final class RepeatingJob implements AutoCloseable {

    /** One round of work; returns true when there is more to do at once. */
    @FunctionalInterface
    public interface Round {
        boolean run() throws InterruptedException;
    }

    private final String what;
    private final Round round;
    private final Duration pause;
    private final Logger log;
    private final Thread thread;
    private volatile boolean running = true;

    public RepeatingJob(String threadName, String what, Round round, Duration pause, Logger log) {
        this.what = what;
        this.round = round;
        this.pause = pause;
        this.log = log;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::loop);
    }

    public RepeatingJob start() {
        thread.start();
        return this;
    }

    /** Whether the job is still meant to run (false once closing). */
    public boolean running() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (!round.run()) {
                    Thread.sleep(pause);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warning(what + " failed, trying again in " + pause.toMillis() + " ms: " + e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            return; // never started
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
