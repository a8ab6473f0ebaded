package com.coze.timer.bootstrap.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Creates the N interval tasks through {@code POST /api/v1/tasks}, from {@code concurrency}
 * threads. Task {@code i} gets the phase {@code i * interval / N} within the interval, so the fires
 * are spread evenly over every interval; its {@code start_time} is the first instant of that
 * phase at least {@value #LEAD_MS} ms after its creation, on a grid common to all tasks (a
 * start time in the past would make the task fire at its creation instead, off the grid).
 *
 * <p>Tasks are spread over users ({@value #TASKS_PER_USER} each) so that the per-user quota check,
 * a count of the user's active tasks, stays as cheap as in real use.
 */
final class TaskLoader {

    static final int TASKS_PER_USER = 1_000;
    private static final long LEAD_MS = 1_000;
    private static final MediaType JSON = MediaType.get("application/json");

    private TaskLoader() {
    }

    /** How creation went: tasks per second, and when the first fires were planned (epoch ms). */
    record Created(double perSecond, long firstFiresMs) {
    }

    /** Creates the tasks. Throws on the first refused or failed creation. */
    static Created create(int servicePort, String token, int sinkPort, int tasks, int intervalSeconds, int concurrency,
                         long firstFireAfterMs) {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(concurrency, 1, TimeUnit.MINUTES))
                .readTimeout(60, TimeUnit.SECONDS)
                .build();
        String url = "http://127.0.0.1:" + servicePort + "/api/v1/tasks";
        String endpoint = "http://127.0.0.1:" + sinkPort + CallbackSink.PATH;
        long intervalMs = intervalSeconds * 1_000L;
        long gridOriginMs = ((System.currentTimeMillis() + firstFireAfterMs) / 1_000 + 1) * 1_000;
        AtomicReference<String> failure = new AtomicReference<>();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int first = t;
            threads.add(Thread.ofPlatform().name("create-" + t).start(() -> {
                for (int i = first; i < tasks && failure.get() == null; i += concurrency) {
                    long phaseMs = i * intervalMs / tasks;
                    String body = "{\"user_id\":" + (1 + i / TASKS_PER_USER) + ",\"type\":\"interval\",\"http_endpoint\":\""
                            + endpoint + "\",\"interval_seconds\":" + intervalSeconds + ",\"start_time\":\""
                            + Instant.ofEpochMilli(startMs(gridOriginMs, phaseMs, intervalMs)) + "\"}";
                    Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                            .post(RequestBody.create(body, JSON)).build();
                    try (Response response = client.newCall(request).execute()) {
                        String answer = response.body().string();
                        if (response.code() != 201) {
                            failure.compareAndSet(null, "task " + i + ": HTTP " + response.code() + " " + answer);
                        }
                    } catch (IOException e) {
                        failure.compareAndSet(null, "task " + i + ": " + e);
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
        if (failure.get() != null) {
            throw new IllegalStateException("creating tasks failed: " + failure.get());
        }
        return new Created(tasks / ((System.nanoTime() - started) / 1e9), gridOriginMs);
    }

    /** The first instant {@code origin + phase + k * interval} at least {@link #LEAD_MS} from now. */
    private static long startMs(long originMs, long phaseMs, long intervalMs) {
        long earliest = System.currentTimeMillis() + LEAD_MS;
        long at = originMs + phaseMs;
        if (at < earliest) {
            at += (earliest - at + intervalMs - 1) / intervalMs * intervalMs;
        }
        return at;
    }
}
