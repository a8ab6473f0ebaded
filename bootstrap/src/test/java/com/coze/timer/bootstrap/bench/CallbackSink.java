package com.coze.timer.bootstrap.bench;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The callback receiver: a Helidon SE web server on 127.0.0.1 (one virtual thread per connection,
 * the fastest of the servers on the classpath) that answers every {@code POST /cb} with
 * {@code 200 {}} and hands the arrival time and the {@code X-Timer-*} headers to the current
 * {@link Arrivals}. The arrival time is taken first thing, from {@link MicroClock}.
 *
 * <p>Requests without the timer's headers (the ceiling loop sends them too, with its own send time)
 * are answered the same way, so the ceiling measures the same handler.
 */
final class CallbackSink implements AutoCloseable {

    static final String PATH = "/cb";
    static final HeaderName SCHEDULED_TIME = HeaderNames.create("X-Timer-Scheduled-Time");
    static final HeaderName EXECUTION_ID = HeaderNames.create("X-Timer-Execution-Id");
    static final HeaderName TASK_ID = HeaderNames.create("X-Timer-Task-Id");

    private final MicroClock clock;
    private final AtomicReference<Arrivals> current = new AtomicReference<>();
    private final WebServer server;

    CallbackSink(MicroClock clock) {
        this.clock = clock;
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .backlog(4096)
                .routing(routing -> routing.post(PATH, this::receive))
                .build()
                .start();
    }

    int port() {
        return server.port();
    }

    /** From now on arrivals go to {@code arrivals} (null: only answered). */
    void recordInto(Arrivals arrivals) {
        current.set(arrivals);
    }

    private void receive(ServerRequest req, ServerResponse res) {
        long arrivalMicros = clock.micros();
        var headers = req.headers();
        String scheduled = headers.first(SCHEDULED_TIME).orElse(null);
        String task = headers.first(TASK_ID).orElse(null);
        String execution = headers.first(EXECUTION_ID).orElse(null);
        if (scheduled != null && task != null && execution != null) {
            Instant at = Instant.parse(scheduled);
            long scheduledMicros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
            Arrivals arrivals = current.get();
            if (arrivals != null) {
                arrivals.record(arrivalMicros, scheduledMicros, task, execution);
            }
        }
        res.send("{}");
    }

    @Override
    public void close() {
        server.stop();
    }
}
