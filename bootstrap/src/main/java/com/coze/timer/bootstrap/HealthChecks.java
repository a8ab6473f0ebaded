package com.coze.timer.bootstrap;

import static com.coze.timer.application.json.Jsons.JSON;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The service's health checks, served by Helidon at {@code /observe/health} (liveness at
 * {@code /observe/health/live}, readiness at {@code /observe/health/ready}) and, for clients of the
 * seed's Spring Boot version, all of them at {@code /actuator/health} in its {@code {"status":"UP"}}
 * shape.
 *
 * <p>Liveness asks "should this process be restarted?" and so checks only the process itself (the
 * engine's threads); readiness asks "may it take traffic?" and checks what it depends on (the
 * database; in cluster mode also Redis and ZooKeeper). A database outage must make instances
 * unready, not restart them all.
 */
final class HealthChecks implements HttpService {

    /** How long any one check may take before it counts as down. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<HealthCheck> checks;

    HealthChecks(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    List<HealthCheck> checks() {
        return checks;
    }

    /**
     * Readiness of the database: a connection from the pool that answers, all within
     * {@link #TIMEOUT} (a pool waiting for a connection, or a database that does not answer, is
     * down after that, not after the pool's own connection timeout). {@code serverRuns} says at
     * once when the server is known to be down (the embedded one being restarted).
     */
    static HealthCheck database(DataSource dataSource, BooleanSupplier serverRuns) {
        return readiness("database", () -> {
            if (!serverRuns.getAsBoolean()) {
                throw new IllegalStateException("the embedded database is not running; it is being restarted");
            }
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(Math.toIntExact(TIMEOUT.toSeconds()));
            }
        });
    }

    /** Liveness of the embedded database: up while it runs or is still being restarted, down once given up. */
    static HealthCheck embeddedDatabase(BooleanSupplier canRecover) {
        return check("embedded-database", HealthCheckType.LIVENESS, canRecover::getAsBoolean);
    }

    /** Liveness of the engine: its wheel and outcome threads run (see {@code EngineRunner.isAlive}). */
    static HealthCheck engine(BooleanSupplier alive) {
        return check("engine", HealthCheckType.LIVENESS, alive::getAsBoolean);
    }

    /** A readiness check named {@code name}: up while {@code probe} answers true; a throw is down, with its message. */
    static HealthCheck readiness(String name, Callable<Boolean> probe) {
        return check(name, HealthCheckType.READINESS, probe);
    }

    /**
     * A dependency the service can do without for a while ({@code fallback} takes over): reported by
     * name with {@code reachable} and the error, but always up, so that its outage does not take
     * every instance out of service at once.
     */
    static HealthCheck degradable(String name, String fallback, Callable<Boolean> probe) {
        HealthCheck inner = check(name, HealthCheckType.READINESS, probe);
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
                HealthCheckResponse probed = inner.call();
                boolean reachable = probed.status() == HealthCheckResponse.Status.UP;
                HealthCheckResponse.Builder shown = HealthCheckResponse.builder().status(true).detail("reachable", reachable);
                probed.details().forEach(shown::detail);
                return (reachable ? shown : shown.detail("fallback", fallback)).build();
            }
        };
    }

    /**
     * A check of {@code probe}, which is given {@link #TIMEOUT} to answer: it runs on a virtual
     * thread of its own, and is down when it has not answered in time. While one probe of the check
     * still hangs, the check is down at once instead of starting another.
     */
    private static HealthCheck check(String name, HealthCheckType type, Callable<Boolean> probe) {
        AtomicReference<Future<Boolean>> hanging = new AtomicReference<>();
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return type;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                Future<Boolean> previous = hanging.get();
                if (previous != null && !previous.isDone()) {
                    return down("no answer within " + TIMEOUT.toMillis() + " ms");
                }
                FutureTask<Boolean> answer = new FutureTask<>(probe);
                Thread.ofVirtual().name("health-" + name).start(answer);
                try {
                    return HealthCheckResponse.builder().status(answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).build();
                } catch (TimeoutException e) {
                    hanging.set(answer);
                    return down("no answer within " + TIMEOUT.toMillis() + " ms");
                } catch (ExecutionException e) {
                    return down(String.valueOf(e.getCause().getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return down("interrupted");
                }
            }
        };
    }

    private static HealthCheckResponse down(String error) {
        return HealthCheckResponse.builder().status(false).detail("error", error).build();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean up = true;
        JsonArrayBuilder details = JSON.createArrayBuilder();
        for (HealthCheck check : checks) {
            boolean checkUp = check.call().status() == HealthCheckResponse.Status.UP;
            up &= checkUp;
            details.add(JSON.createObjectBuilder().add("name", check.name()).add("status", checkUp ? "UP" : "DOWN"));
        }
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .send(JSON.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", details).build());
    }
}
