package com.coze.timer.http;

/**
 * What the sender tells about its work, for metrics. Called on the sender's own threads, once per
 * event: implementations must be cheap, thread-safe and must not throw (what they throw is dropped).
 * {@link #NONE} ignores everything.
 */
@FunctionalInterface
public interface HttpCallbackObserver {

    HttpCallbackObserver NONE = (host, waitedMs) -> { };

    /**
     * An attempt to {@code host} found the host's token bucket empty and waited {@code waitedMs} for
     * its token. Attempts that found a token at once are not reported.
     */
    void rateLimitWaited(String host, long waitedMs);
}
