package com.coze.timer.bootstrap;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * The service's health checks, served by Helidon at {@code /observe/health} and, for clients of
 * the seed's Spring Boot version, at {@code /actuator/health} in its {@code {"status":"UP"}} shape.
 */
final class HealthChecks implements HttpService {

    private final List<HealthCheck> checks;

    HealthChecks(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    List<HealthCheck> checks() {
        return checks;
    }

    /** Readiness of the database: a connection from the pool that answers within two seconds. */
    static HealthCheck database(DataSource dataSource) {
        return readiness("database", () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(2);
            }
        });
    }

    /** A readiness check named {@code name}: up while {@code probe} answers true; a throw is down, with its message. */
    static HealthCheck readiness(String name, Callable<Boolean> probe) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                try {
                    return HealthCheckResponse.builder().status(probe.call()).build();
                } catch (Exception e) {
                    return HealthCheckResponse.builder().status(false).detail("error", String.valueOf(e.getMessage())).build();
                }
            }
        };
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean up = true;
        JsonArrayBuilder details = Json.createArrayBuilder();
        for (HealthCheck check : checks) {
            boolean checkUp = check.call().status() == HealthCheckResponse.Status.UP;
            up &= checkUp;
            details.add(Json.createObjectBuilder().add("name", check.name()).add("status", checkUp ? "UP" : "DOWN"));
        }
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .send(Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", details).build());
    }
}
