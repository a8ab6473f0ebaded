package com.coze.timer.http;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real HTTP server on 127.0.0.1 (MockWebServer) that answers with the responses given to
 * {@link #respond} (or, later, those given to {@link #respondAfter}), then 200, and notes when each
 * request arrived. A held answer is released early when the server closes, so that closing never
 * waits for a slow answer nobody listens to any more.
 */
final class CallbackServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();

    CallbackServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivalNanos.add(System.nanoTime());
                Answer next = answers.poll();
                return next != null ? next.after(closing) : new MockResponse().setBody("ok");
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    CallbackServer respond(MockResponse... responses) {
        for (MockResponse response : responses) {
            answers.add(new Answer(response, Duration.ZERO));
        }
        return this;
    }

    /** Answers the next request with {@code response} only after {@code delay}. */
    CallbackServer respondAfter(Duration delay, MockResponse response) {
        answers.add(new Answer(response, delay));
        return this;
    }

    static MockResponse status(int code) {
        return new MockResponse().setResponseCode(code);
    }

    /** An address-literal URL of this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    /** A host-name URL of this server. */
    String localhostUrl(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    RecordedRequest nextRequest() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    /** The next request if one arrives within {@code wait}, else null. */
    RecordedRequest takeRequestWithin(Duration wait) throws InterruptedException {
        return server.takeRequest(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    int requestCount() {
        return server.getRequestCount();
    }

    /** Milliseconds from the first request's arrival to each request's arrival. */
    List<Long> arrivalOffsetsMs() {
        long first = arrivalNanos.getFirst();
        return arrivalNanos.stream().map(at -> TimeUnit.NANOSECONDS.toMillis(at - first)).toList();
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        server.shutdown();
    }

    private record Answer(MockResponse response, Duration delay) {

        MockResponse after(CountDownLatch closing) {
            try {
                closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return response;
        }
    }
}
