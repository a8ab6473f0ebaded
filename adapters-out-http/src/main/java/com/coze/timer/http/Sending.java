package com.coze.timer.http;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/** What every {@link CallbackCall} of one sender shares: the client, the retry policy, the waits. */
record Sending(
        OkHttpClient client,
        RetryPolicy retries,
        HostRateLimits rateLimits,
        ScheduledExecutorService scheduler,
        int maxResponseBytes,
        Clock clock) {
}
