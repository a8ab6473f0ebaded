package com.coze.timer.bootstrap;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsFactory;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.spi.ServerFeature;
import java.time.Duration;
import java.util.List;

/**
 * What the web server tells about the service itself, as Helidon server features:
 * <ul>
 *   <li>{@code /observe/health} with {@code /live} and {@code /ready} (the {@link HealthChecks} and
 *       Helidon's own liveness checks: deadlocks, heap, disk space);</li>
 *   <li>{@code /observe/metrics}: Prometheus text (JSON with {@code Accept: application/json}) of
 *       the {@link TimerMetrics}, the JVM's meters and the web server's request counts;</li>
 *   <li>{@code /openapi}: the API's OpenAPI document, {@code META-INF/openapi.yaml} of the REST
 *       module, as YAML (JSON with {@code Accept: application/json} or {@code ?format=json}).</li>
 * </ul>
 * The seed's {@code /actuator/health} is a route of its own (see {@link HealthChecks}).
 */
final class Observability {

    private Observability() {
    }

    /** How often {@code timer_tasks} counts the tasks by status ({@code timer.metrics.tasks.refresh}, ms). */
    static Duration taskCountsRefresh(Config timer) {
        return ComponentSettings.millis(timer.get("metrics.tasks.refresh"), Duration.ofSeconds(10), 1);
    }

    /**
     * The meter registry, set up from the {@code metrics} config: {@code built-in-meter-name-format:
     * SNAKE} in the shipped {@code application.yaml} names Helidon's own meters in Prometheus' snake
     * case ({@code memory_used_heap_bytes}, not {@code memory_usedHeap_bytes}).
     */
    static MeterRegistry meterRegistry(Config config) {
        return MetricsFactory.getInstance(config.get("metrics")).globalRegistry();
    }

    static List<ServerFeature> features(HealthChecks health) {
        ObserveFeature observe = ObserveFeature.builder()
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .addChecks(health.checks().toArray(HealthCheck[]::new))
                        .build())
                .addObserver(MetricsObserver.create())
                .build();
        return List.of(observe, OpenApiFeature.create());
    }
}
