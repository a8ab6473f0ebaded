package com.coze.timer.bootstrap;

import com.coze.timer.http.HttpCallbackObserver;
import io.helidon.metrics.api.Counter;

/**
 * The callback sender's waits for a host's rate limit: {@code timer_rate_limit_waits_total} (attempts
 * that waited for a token) and {@code timer_rate_limit_wait_ms_total} (ms waited in all; divided by
 * the first, the mean wait). Not tagged by host: hosts are chosen by users, and a label per host
 * would let them grow the metrics without bound.
 */
final class RateLimitMetrics implements HttpCallbackObserver {

    private final Counter waits;
    private final Counter waitedMs;

    RateLimitMetrics(TimerMetrics metrics) {
        waits = metrics.counter("timer.rate.limit.waits", "Callback attempts that waited for their host's rate limit");
        waitedMs = metrics.counter("timer.rate.limit.wait.ms", "Time callback attempts waited for their host's rate limit, in ms");
    }

    @Override
    public void rateLimitWaited(String host, long waitedMs) {
        waits.increment();
        this.waitedMs.increment(waitedMs);
    }
}
