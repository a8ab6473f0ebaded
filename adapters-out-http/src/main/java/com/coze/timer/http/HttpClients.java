package com.coze.timer.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the sender's threads and its one OkHttp client from the configuration.
 *
 * <p>OkHttp's dispatcher admits only 5 concurrent calls per host and 64 in all by default, far too
 * few for a scheduler whose callbacks often share one host; both limits come from the
 * configuration. Its executor is a cached pool like OkHttp's own, with named daemon threads the
 * sender can shut down. Redirects are not followed: a callback's answer is its answer, and a
 * redirect could lead to a host the address check never saw.
 */
final class HttpClients {

    private HttpClients() {
    }

    static OkHttpClient create(HttpCallbackConfig config) {
        Dispatcher dispatcher = new Dispatcher(callExecutor());
        dispatcher.setMaxRequests(config.maxRequests());
        dispatcher.setMaxRequestsPerHost(config.maxRequestsPerHost());
        OkHttpClient.Builder client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(config.maxConnections(),
                        config.keepAlive().toMillis(), TimeUnit.MILLISECONDS))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.transferTimeout())
                .writeTimeout(config.transferTimeout())
                .callTimeout(config.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .addNetworkInterceptor(new FenceCheck());
        if (!config.allowPrivateTargets()) {
            PrivateTargetGuard guard = new PrivateTargetGuard();
            client.dns(guard).addInterceptor(guard);
        }
        return client.build();
    }

    /** Runs the waits between attempts and for rate tokens; the work it starts is short. */
    static ScheduledExecutorService waitScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("timer-http-wait-"));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private static ExecutorService callExecutor() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("timer-http-call-"));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
