package com.coze.timer.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real HTTP server on 127.0.0.1 that records every callback it receives and answers as the test
 * scripts it (status, body, delay), so tests see exactly what the service sent and when.
 */
final class CallbackReceiver implements AutoCloseable {

    /** A received callback; {@code headers} by lower-case name, the first value of each. */
    record Received(String path, String taskId, String executionId, Instant scheduledTime, Instant arrivedAt, String body,
                    Map<String, String> headers) {
    }

    /** How to answer one callback. */
    record Answer(int status, String body, Duration delay) {
        static Answer ok(String body) {
            return new Answer(200, body, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> answers = r -> Answer.ok("{}");

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answerWith(Function<Received, Answer> script) {
        this.answers = script;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> receivedAt(String path) {
        return received().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Polls until {@code condition} holds for what was received, or fails after {@code timeout}. */
    void await(Duration timeout, Predicate<List<Received>> condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(received())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; received " + received().size() + " callbacks");
            }
            TimerProcess.sleep(20);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String scheduled = exchange.getRequestHeaders().getFirst("X-Timer-Scheduled-Time");
        Received r = new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Timer-Task-Id"),
                exchange.getRequestHeaders().getFirst("X-Timer-Execution-Id"),
                scheduled == null ? null : Instant.parse(scheduled), Instant.now(),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), headers(exchange));
        received.add(r);
        Answer answer = answers.apply(r);
        TimerProcess.sleep(answer.delay().toMillis());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // The caller went away (an aborted call): nothing to answer.
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        return Map.copyOf(headers);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
