package com.coze.timer.bootstrap;

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
                .maxConnections(http.get("max.connections").asInt().orElse(200))
                .maxRequests(http.get("max.requests").asInt().orElse(10_000))
                .maxRequestsPerHost(http.get("max.requests").asInt().orElse(10_000))
                .connectTimeout(Duration.ofMillis(http.get("connect.timeout").asLong().orElse(5_000L)))
                .transferTimeout(Duration.ofMillis(http.get("transfer.timeout").asLong().orElse(15_000L)))
                .maxRetries(http.get("retries").asInt().orElse(3))
                .initialBackoff(Duration.ofMillis(http.get("backoff").asLong().orElse(1_000L)))
                .defaultRatePerHost(http.get("rate.default").asDouble().orElse(1_000.0))
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
                Duration.ofMillis(engine.get("window").asLong().orElse(d.window().toMillis())),
                Duration.ofMillis(engine.get("refill").asLong().orElse(d.refillInterval().toMillis())),
                d.claimBatchSize(), d.maxTrackedFires(), d.lease(),
                engine.get("failures").asInt().orElse(d.maxConsecutiveFailures()),
                d.recordBatchSize(), cluster.isEmpty(),
                Duration.ofMillis(engine.get("misfire").asLong().orElse(misfire.toMillis())));
    }

    /** A duration in milliseconds at {@code key} under {@code timer}; a value below 1 stops the start, naming its variable. */
    static Duration millis(Config timer, String key, long defaultMillis) {
        long value = timer.get(key).asLong().orElse(defaultMillis);
        if (value < 1) {
            throw new TimerSettings.SettingsException("TIMER_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + " must be >= 1");
        }
        return Duration.ofMillis(value);
    }

    static Duration grace(Config timer) {
        return Duration.ofMillis(timer.get("engine.grace").asLong().orElse(10_000L));
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
