package com.coze.timer.http;

import com.coze.timer.domain.task.Delivery;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How callbacks are sent: the connection pool and timeouts, the retry schedule, the per-host rate
 * limits and the address policy. {@link #defaults()} gives the values of the product contract; the
 * {@link Builder} changes some of them.
 *
 * @param maxConnections      idle connections the pool keeps (OkHttp does not cap open connections)
 * @param keepAlive           how long an idle connection stays in the pool
 * @param connectTimeout      to establish a TCP (and TLS) connection
 * @param transferTimeout     between two reads or writes of the request and the response
 * @param callTimeout         one whole attempt, from DNS to the last byte read; zero for none
 * @param maxRequests         attempts in flight at once, over all hosts
 * @param maxRequestsPerHost  attempts in flight at once to one host
 * @param maxRetries          attempts after the first; a fire makes at most {@code maxRetries + 1}
 * @param initialBackoff      wait before the first retry
 * @param backoffMultiplier   factor from one wait to the next
 * @param maxBackoff          cap of the exponential wait
 * @param maxRetryAfter       cap of a wait a server asks for with {@code Retry-After}
 * @param defaultRatePerHost  requests per second to a host without an override
 * @param perHostRates        requests per second by host name (lower case)
 * @param allowPrivateTargets whether loopback, private and link-local addresses may be called
 * @param maxResponseBytes    prefix of a response body that is read and kept
 */
public record HttpCallbackConfig(
        int maxConnections,
        Duration keepAlive,
        Duration connectTimeout,
        Duration transferTimeout,
        Duration callTimeout,
        int maxRequests,
        int maxRequestsPerHost,
        int maxRetries,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration maxBackoff,
        Duration maxRetryAfter,
        double defaultRatePerHost,
        Map<String, Double> perHostRates,
        boolean allowPrivateTargets,
        int maxResponseBytes) {

    public HttpCallbackConfig {
        requirePositive(maxConnections, "maxConnections");
        requirePositive(maxRequests, "maxRequests");
        requirePositive(maxRequestsPerHost, "maxRequestsPerHost");
        requirePositive(maxResponseBytes, "maxResponseBytes");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        requirePositive(keepAlive, "keepAlive");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(transferTimeout, "transferTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative()) {
            throw new IllegalArgumentException("callTimeout must not be negative");
        }
        if (!(backoffMultiplier >= 1.0)) {
            throw new IllegalArgumentException("backoffMultiplier must be at least 1");
        }
        requireRate(defaultRatePerHost, "defaultRatePerHost");
        perHostRates = lowerCaseHosts(Objects.requireNonNull(perHostRates, "perHostRates"));
    }

    /** The product contract's values: 200 connections, 5 s connect, 15 s transfer, 3 retries from 1 s. */
    public static HttpCallbackConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The retry and timeout settings as a task holds them: what a task takes where it chooses none. */
    public Delivery delivery() {
        return new Delivery(maxRetries, initialBackoff.toMillis(), maxBackoff.toMillis(), callTimeout.toMillis());
    }

    /** The request rate allowed to {@code host}. */
    double ratePerSecond(String host) {
        return perHostRates.getOrDefault(host.toLowerCase(Locale.ROOT), defaultRatePerHost);
    }

    private static Map<String, Double> lowerCaseHosts(Map<String, Double> rates) {
        Map<String, Double> byHost = new HashMap<>();
        rates.forEach((host, rate) -> {
            requireRate(rate, "perHostRates." + host);
            byHost.put(host.toLowerCase(Locale.ROOT), rate);
        });
        return Map.copyOf(byHost);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireRate(Double value, String name) {
        if (value == null || !(value > 0) || value.isInfinite()) {
            throw new IllegalArgumentException(name + " must be a positive number of requests per second");
        }
    }

    /** Starts from {@link #defaults()}; each setter replaces one value. */
    public static final class Builder {
        private int maxConnections = 200;
        private Duration keepAlive = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration transferTimeout = Duration.ofSeconds(15);
        private Duration callTimeout = Duration.ofSeconds(30);
        private int maxRequests = 4000;
        private int maxRequestsPerHost = 2000;
        private int maxRetries = 3;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private double backoffMultiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private double defaultRatePerHost = 1000;
        private Map<String, Double> perHostRates = Map.of();
        private boolean allowPrivateTargets;
        private int maxResponseBytes = 64 * 1024;

        private Builder() {
        }

        public Builder maxConnections(int value) { maxConnections = value; return this; }

        public Builder keepAlive(Duration value) { keepAlive = value; return this; }

        public Builder connectTimeout(Duration value) { connectTimeout = value; return this; }

        public Builder transferTimeout(Duration value) { transferTimeout = value; return this; }

        public Builder callTimeout(Duration value) { callTimeout = value; return this; }

        public Builder maxRequests(int value) { maxRequests = value; return this; }

        public Builder maxRequestsPerHost(int value) { maxRequestsPerHost = value; return this; }

        public Builder maxRetries(int value) { maxRetries = value; return this; }

        public Builder initialBackoff(Duration value) { initialBackoff = value; return this; }

        public Builder backoffMultiplier(double value) { backoffMultiplier = value; return this; }

        public Builder maxBackoff(Duration value) { maxBackoff = value; return this; }

        public Builder maxRetryAfter(Duration value) { maxRetryAfter = value; return this; }

        public Builder defaultRatePerHost(double value) { defaultRatePerHost = value; return this; }

        public Builder perHostRates(Map<String, Double> value) { perHostRates = value; return this; }

        public Builder allowPrivateTargets(boolean value) { allowPrivateTargets = value; return this; }

        public Builder maxResponseBytes(int value) { maxResponseBytes = value; return this; }

        public HttpCallbackConfig build() {
            return new HttpCallbackConfig(maxConnections, keepAlive, connectTimeout, transferTimeout, callTimeout,
                    maxRequests, maxRequestsPerHost, maxRetries, initialBackoff, backoffMultiplier, maxBackoff,
                    maxRetryAfter, defaultRatePerHost, perHostRates, allowPrivateTargets, maxResponseBytes);
        }
    }
}
