package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Embedded mode, the packaged jar as a process of its own: {@code kill -9} of its {@code mariadbd}
 * child while {@value #TASKS} tasks fire every second. Readiness answers DOWN within its 2 s while
 * the database is away, liveness stays UP (the process recovers by itself), the database is
 * started again on the same data, and firing resumes with no occurrence lost or sent under two
 * execution ids.
 */
class EmbeddedRecoveryIT {

    private static final Logger LOG = Logger.getLogger(EmbeddedRecoveryIT.class.getName());
    private static final int TASKS = 50;
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @Test
    void aKilledEmbeddedDatabaseIsRestartedAndFiringResumesWithNothingLost() throws Exception {
        Path dataDir = RunningService.freshDataDir("embedded-kill");
        Map<String, String> env = Map.of("TIMER_DATA_DIR", dataDir.toString(), "SERVER_HOST", "127.0.0.1",
                "TIMER_ALLOW_PRIVATE_TARGETS", "true", "TIMER_ENGINE_MISFIRE", "30000", "TIMER_HTTP_RATE_DEFAULT", "100000");
        try (CallbackReceiver receiver = new CallbackReceiver();
             TimerProcess service = TimerProcess.start("embedded", env, dataDir)) {
            ApiClient api = new ApiClient(service.baseUrl());
            String token = Files.readAllLines(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE)).getFirst().trim();
            List<String> ids = new ArrayList<>();
            Instant first = Instant.now().plusSeconds(2);
            for (int i = 0; i < TASKS; i++) {
                ApiClient.Response created = api.call("POST", "/api/v1/tasks", token, "{\"user_id\": 1, \"type\": \"interval\", \"http_endpoint\": \""
                        + receiver.url("/tick") + "\", \"interval_seconds\": 1, \"start_time\": \"" + first.plusMillis(i * 1_000L / TASKS) + "\"}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                ids.add(created.json().getString("task_id"));
            }
            TimerProcess.sleep(5_000);

            Instant from = Instant.now();
            ProcessHandle mariadbd = service.handle().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false)).findFirst().orElseThrow();
            mariadbd.destroyForcibly();
            Health health = watchHealth(api, Duration.ofSeconds(30));
            TimerProcess.sleep(10_000);
            Instant to = Instant.now().minusSeconds(2);
            TimerProcess.sleep(3_000);

            Occurrences result = Occurrences.in(receiver.received(), ids, INTERVAL, from, to);
            LOG.info(() -> "embedded scenario mariadbd killed: " + result + "; readiness down for " + health.downFor().toMillis()
                    + " ms, slowest health answer " + health.slowest().toMillis() + " ms");
            assertThat(health.sawDown()).as("readiness said DOWN while the database was away").isTrue();
            assertThat(health.slowest()).as("every readiness answer within its timeout").isLessThan(Duration.ofMillis(2_500));
            assertThat(health.livenessAlwaysUp()).as("liveness: the process recovers by itself").isTrue();
            assertThat(result.missed()).isZero();
            assertThat(result.duplicated()).isZero();
            assertThat(service.output()).contains("restarting it on the same data");
        }
    }

    private record Health(boolean sawDown, Duration downFor, Duration slowest, boolean livenessAlwaysUp) {
    }

    /** Polls readiness and liveness until readiness is UP again after having been DOWN. */
    private static Health watchHealth(ApiClient api, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long downSince = -1;
        long upAgain = -1;
        Duration slowest = Duration.ZERO;
        boolean liveAlwaysUp = true;
        while (System.nanoTime() < deadline && upAgain < 0) {
            long asked = System.nanoTime();
            int ready = api.call("GET", "/observe/health/ready", null, null).status();
            Duration took = Duration.ofNanos(System.nanoTime() - asked);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            liveAlwaysUp &= api.call("GET", "/observe/health/live", null, null).status() == 200;
            if (ready != 200 && downSince < 0) {
                downSince = asked;
            } else if (ready == 200 && downSince >= 0) {
                upAgain = asked;
            }
            TimerProcess.sleep(100);
        }
        assertThat(upAgain).as("readiness UP again within " + timeout).isPositive();
        return new Health(downSince >= 0, Duration.ofNanos(upAgain - downSince), slowest, liveAlwaysUp);
    }
}
