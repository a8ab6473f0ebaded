package com.coze.timer.bootstrap;

import com.coze.timer.http.HttpCallbackObserver;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The callback sender's waits for a host's rate limit: {@code timer_rate_limit_waits_total} (attempts
 * that waited for a token) and the histogram {@code timer_rate_limit_wait_seconds} of how long each
 * waited (its {@code _sum} divided by its {@code _count}: the mean wait). Not tagged by host: hosts
 * are chosen by users, and a label per host would let them grow the metrics without bound.
 */
final class RateLimitMetrics implements HttpCallbackObserver {

    private final Counter waits;
    private final Timer waited;

    RateLimitMetrics(TimerMetrics metrics) {
        waits = metrics.counter("timer.rate.limit.waits", "Callback attempts that waited for their host's rate limit");
        waited = metrics.secondsHistogram("timer.rate.limit.wait.seconds",
                "Time a callback attempt waited for its host's rate limit, in seconds");
    }

    @Override
    public void rateLimitWaited(String host, long waitedMs) {
        waits.increment();
        waited.record(waitedMs, TimeUnit.MILLISECONDS);
    }
}
