package com.coze.timer.bootstrap;

import com.coze.timer.application.delivery.FailureCallbackRelay;
import com.coze.timer.application.retention.RetentionSettings;
import java.util.OptionalInt;
import com.coze.timer.application.engine.EngineSettings;
import com.coze.timer.http.HttpCallbackConfig;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Settings of the callback sender ({@code timer.http}) and of the engine ({@code timer.engine}). */
final class ComponentSettings {

    private ComponentSettings() {
    }

    static HttpCallbackConfig http(Config timer, boolean allowPrivateTargets) {
        Config http = timer.get("http");
        return HttpCallbackConfig.builder()
                .maxConnections(ConfigValues.integer(http.get("max.connections"), 200, 1, Integer.MAX_VALUE))
                .maxRequests(ConfigValues.integer(http.get("max.requests"), 10_000, 1, Integer.MAX_VALUE))
                .maxRequestsPerHost(ConfigValues.integer(http.get("max.requests"), 10_000, 1, Integer.MAX_VALUE))
                .connectTimeout(Duration.ofMillis(ConfigValues.atLeast(http.get("connect.timeout"), 5_000L, 1)))
                .transferTimeout(Duration.ofMillis(ConfigValues.atLeast(http.get("transfer.timeout"), 15_000L, 1)))
                .maxRetries(ConfigValues.integer(http.get("retries"), 3, 0, Integer.MAX_VALUE))
                .initialBackoff(Duration.ofMillis(ConfigValues.atLeast(http.get("backoff"), 1_000L, 0)))
                .defaultRatePerHost(ConfigValues.positiveDecimal(http.get("rate.default"), 1_000.0))
                .perHostRates(hostRates(http.get("rate.hosts").asString().orElse("")))
                .allowPrivateTargets(allowPrivateTargets)
                .build();
    }

    /**
     * The engine's settings. The misfire threshold defaults, in a cluster, to the longest a fail-over
     * takes (ZooKeeper session, handover delay, and some seconds to spare), so that the fires of a
     * lost instance come late on the others but are not skipped; a single instance uses 5 s.
     */
    static EngineSettings engine(Config timer, Optional<ClusterSettings> cluster) {
        Config engine = timer.get("engine");
        EngineSettings d = EngineSettings.DEFAULTS;
        Duration misfire = cluster.map(c -> c.zkSession().plus(c.handoverDelay()).plusSeconds(5)).orElse(d.misfireThreshold());
        return new EngineSettings(
                millis(engine.get("window"), d.window(), 1),
                millis(engine.get("refill"), d.refillInterval(), 1),
                d.claimBatchSize(), d.maxTrackedFires(), d.lease(),
                ConfigValues.integer(engine.get("failures"), d.maxConsecutiveFailures(), 1, Integer.MAX_VALUE),
                d.recordBatchSize(), cluster.isEmpty(),
                millis(engine.get("misfire"), misfire, 0));
    }

    /** A duration in milliseconds of at least {@code minMs}. */
    static Duration millis(Config node, Duration fallback, long minMs) {
        return Duration.ofMillis(ConfigValues.atLeast(node, fallback.toMillis(), minMs));
    }

    /** A duration in milliseconds at {@code key} under {@code timer}; a value below 1 stops the start, naming its variable. */
    static Duration millis(Config timer, String key, long defaultMillis) {
        long value = timer.get(key).asLong().orElse(defaultMillis);
        if (value < 1) {
            throw new TimerSettings.SettingsException("TIMER_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + " must be >= 1");
        }
        return Duration.ofMillis(value);
    }

    /**
     * How long execution records ({@code TIMER_LOGS_RETENTION}) and dead letters
     * ({@code TIMER_DEAD_LETTERS_RETENTION}) are kept, and how many records a task keeps at most
     * ({@code TIMER_LOGS_MAX_PER_TASK}); unset means unbounded. The purge's pace under
     * {@code timer.logs.purge}.
     */
    static RetentionSettings retention(Config timer) {
        Config purge = timer.get("logs.purge");
        Config cap = timer.get("logs.max.per.task");
        OptionalInt maxPerTask = cap.asString().map(String::trim).filter(text -> !text.isEmpty()).isPresent()
                ? OptionalInt.of(ConfigValues.integer(cap, 0, 1, Integer.MAX_VALUE)) : OptionalInt.empty();
        return new RetentionSettings(ConfigValues.period(timer.get("logs.retention")), maxPerTask,
                ConfigValues.period(timer.get("dead.letters.retention")),
                ConfigValues.integer(purge.get("batch"), 500, 1, 100_000),
                millis(purge.get("pause"), Duration.ofMillis(100), 0),
                millis(purge.get("interval"), Duration.ofSeconds(60), 1));
    }

    /**
     * How the failure-callback relay paces itself, all in ms: how long it holds the callbacks it
     * claimed ({@code TIMER_FAILURE_CALLBACKS_LEASE}), the wait after a first failed sending
     * ({@code TIMER_FAILURE_CALLBACKS_BACKOFF}, doubling up to an hour or to itself if longer), and the
     * age after which a callback still failing is given up ({@code TIMER_FAILURE_CALLBACKS_MAX_AGE}).
     */
    static FailureCallbackRelay.Settings failureCallbacks(Config timer) {
        Config callbacks = timer.get("failure.callbacks");
        Duration backoff = millis(callbacks.get("backoff"), Duration.ofMinutes(1), 1);
        Duration maxBackoff = backoff.compareTo(Duration.ofHours(1)) > 0 ? backoff : Duration.ofHours(1);
        return new FailureCallbackRelay.Settings(millis(callbacks.get("lease"), Duration.ofMinutes(5), 1), Duration.ofSeconds(1),
                backoff, maxBackoff, millis(callbacks.get("max.age"), Duration.ofHours(24), 1));
    }

    static Duration grace(Config timer) {
        return millis(timer.get("engine.grace"), Duration.ofSeconds(10), 0);
    }

    /** Parses {@code host=rate,host=rate}; a malformed entry stops the start, naming the variable. */
    static Map<String, Double> hostRates(String text) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                rates.put(parts[0].trim(), Double.parseDouble(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new TimerSettings.SettingsException("TIMER_HTTP_RATE_HOSTS entry '" + entry + "' is not host=rate");
            }
        }
        return rates;
    }
}
