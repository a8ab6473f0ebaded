package com.coze.timer.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The embedded server's child processes, as the operating system sees them: run one to its end, stop one. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Runs {@code builder}'s command to its end, within {@code timeout}; fails naming {@code what} unless it exits 0. */
    static void run(ProcessBuilder builder, String what, Duration timeout) {
        try {
            Process child = builder.start();
            if (!child.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException(what + " took longer than " + timeout);
            }
            if (child.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with code " + child.exitValue() + "; see " + builder.redirectOutput().file());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

    /** Asks {@code server} to stop (SIGTERM), kills it after {@code patience}, and waits a little more for it to go. */
    static void stop(ProcessHandle server, Duration patience) {
        server.destroy();
        if (!exited(server, patience)) {
            server.destroyForcibly();
            exited(server, Duration.ofSeconds(10));
        }
    }

    /** Whether {@code process} ended within {@code patience}. */
    private static boolean exited(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
