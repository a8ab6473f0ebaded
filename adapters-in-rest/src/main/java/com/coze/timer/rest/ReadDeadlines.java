package com.coze.timer.rest;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes the connection of a client that sends a request too slowly. Helidon 4.1's listener has no
 * read timeout of its own (its {@code idle-connection-timeout} closes a connection only while it
 * waits for a request line), so reads are given deadlines here: the headers of a request once its
 * request line is in ({@link #headersListener}), and its body while the API reads it
 * ({@link #armBody}). Past a deadline the connection's thread is interrupted; the server runs each
 * connection on a virtual thread, whose blocked socket read then fails and closes the socket.
 *
 * <p>Thread-safe: deadlines are armed and disarmed by the connection threads, and fired by one
 * shared daemon scheduler thread.
 */
final class ReadDeadlines {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "coze-timer-read-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private static final System.Logger LOG = System.getLogger(ReadDeadlines.class.getName());

    private ReadDeadlines() {
    }

    /** A deadline on the current thread's reading; close it once the reading is done. */
    static AutoCloseable armBody(Duration timeout) {
        ScheduledFuture<?> deadline = arm(Thread.currentThread(), timeout, "body", () -> { });
        return () -> deadline.cancel(false);
    }

    /** Arms a deadline when a request line has been read, and disarms it when its headers have. */
    static Http1ConnectionListener headersListener(Duration timeout) {
        Map<Thread, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                Thread thread = Thread.currentThread();
                ScheduledFuture<?> previous = armed.put(thread, arm(thread, timeout, "headers", () -> armed.remove(thread)));
                if (previous != null) {
                    previous.cancel(false);
                }
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                ScheduledFuture<?> deadline = armed.remove(Thread.currentThread());
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
        };
    }

    private static ScheduledFuture<?> arm(Thread reader, Duration timeout, String part, Runnable onExpiry) {
        return TIMER.schedule(() -> {
            onExpiry.run();
            LOG.log(System.Logger.Level.INFO, "closing a connection whose client sent no complete request " + part
                    + " within " + timeout.toMillis() + " ms");
            reader.interrupt();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
