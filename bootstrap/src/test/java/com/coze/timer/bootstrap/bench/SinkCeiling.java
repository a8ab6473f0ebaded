package com.coze.timer.bootstrap.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The sink's own ceiling: {@code clients} threads, each a plain loop of blocking OkHttp POSTs to
 * the sink carrying the timer's headers, for a fixed time. As in PEERS.md ("64 concurrent OkHttp
 * clients → receiver"), so our figures and the peers' sit on the same yardstick.
 */
final class SinkCeiling {

    /** Requests per second and the latency of one request, µs. */
    record Result(double requestsPerSecond, Histogram latencyMicros, long errors) {
    }

    private SinkCeiling() {
    }

    static Result measure(int sinkPort, int clients, long millis) {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(clients, 1, TimeUnit.MINUTES))
                .build();
        String url = "http://127.0.0.1:" + sinkPort + CallbackSink.PATH;
        String taskId = UUID.randomUUID().toString();
        Recorder latency = new Recorder(3);
        LongAdder done = new LongAdder();
        LongAdder errors = new LongAdder();
        long warmEnd = System.nanoTime() + 1_000_000_000L; // one second to open connections and warm up
        long end = warmEnd + millis * 1_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("ceiling-" + i).start(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        return;
                    }
                    Request request = new Request.Builder().url(url)
                            .header("X-Timer-Task-Id", taskId)
                            .header("X-Timer-Execution-Id", taskId)
                            .header("X-Timer-Scheduled-Time", Instant.now().toString())
                            .post(RequestBody.create(new byte[0], (MediaType) null))
                            .build();
                    boolean ok;
                    try (Response response = client.newCall(request).execute()) {
                        response.body().bytes();
                        ok = response.code() == 200;
                    } catch (IOException e) {
                        ok = false;
                    }
                    long finished = System.nanoTime();
                    if (start >= warmEnd) {
                        if (ok) {
                            done.increment();
                            latency.recordValue((finished - start) / 1_000);
                        } else {
                            errors.increment();
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
        return new Result(done.sum() * 1000.0 / millis, latency.getIntervalHistogram(), errors.sum());
    }
}
