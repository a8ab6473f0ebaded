package com.coze.timer.http;

import com.coze.timer.application.port.out.CallbackSender;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Sends callbacks with OkHttp: one pooled client for all fires, exponential retries with
 * resilience4j that honour {@code Retry-After}, a token bucket per downstream host (bucket4j), and
 * the private-address check repeated after DNS. See {@link CallbackCall} for one fire's course.
 *
 * <p>Threads: OkHttp's dispatcher runs each exchange on a cached pool ({@code timer-http-call-*});
 * two scheduler threads ({@code timer-http-wait-*}) end token and backoff waits. {@link #send}
 * only starts work and returns. {@link #close()} aborts fires still under way, so every result
 * completes, then stops the threads and closes pooled connections.
 */
public final class OkHttpCallbackSender implements CallbackSender, AutoCloseable {

    private final OkHttpClient client;
    private final ScheduledExecutorService scheduler;
    private final Sending sending;
    private final Set<CallbackCall> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A sender whose per-host rate limits hold for this instance. */
    public OkHttpCallbackSender(HttpCallbackConfig config) {
        this(config, RateBuckets.LOCAL);
    }

    /** A sender whose per-host token buckets come from {@code buckets} (shared by a cluster, say). */
    public OkHttpCallbackSender(HttpCallbackConfig config, RateBuckets.Source buckets) {
        this(config, buckets, HttpCallbackObserver.NONE);
    }

    /** A sender that also tells {@code observer} about its waits for rate limits, for metrics. */
    public OkHttpCallbackSender(HttpCallbackConfig config, RateBuckets.Source buckets, HttpCallbackObserver observer) {
        this.client = HttpClients.create(config);
        this.scheduler = HttpClients.waitScheduler();
        this.sending = new Sending(client, new RetryPolicy(config), new HostRateLimits(config, buckets, scheduler,
                client.dispatcher().executorService(), observer),
                scheduler, config.maxResponseBytes(), Clock.systemUTC());
    }

    @Override
    public InFlightCall send(CallbackRequest request) {
        Optional<Request> http = CallbackRequests.toHttp(request);
        if (closed || http.isEmpty()) {
            String error = closed ? "sender closed" : "endpoint is not a valid http(s) URL";
            return new Finished(error, closed, sending.clock().instant());
        }
        CallbackCall call = new CallbackCall(sending, http.get(), request);
        inFlight.add(call);
        call.result().whenComplete((result, never) -> inFlight.remove(call));
        if (closed) {
            call.abort(); // close() may have looked at inFlight before the add
        } else {
            call.start();
        }
        return call;
    }

    @Override
    public void close() {
        closed = true;
        inFlight.forEach(CallbackCall::abort);
        scheduler.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** A fire that ended before it began. */
    private record Finished(CompletableFuture<CallbackResult> result) implements InFlightCall {

        Finished(String error, boolean aborted, Instant now) {
            this(CompletableFuture.completedFuture(new CallbackResult(false, aborted, OptionalInt.empty(),
                    Optional.empty(), 0, Optional.of(error), now, 0)));
        }

        @Override
        public void abort() {
            // nothing under way
        }
    }
}
