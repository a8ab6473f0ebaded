package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cluster instance on Debian's MariaDB 10.11, which announces itself as {@code 5.5.5-10.11...}:
 * times keep their milliseconds in storage and once tasks due at {@code .250}, {@code .500} and
 * {@code .999} fire at those instants, not at the whole second before. Skipped, with one line
 * saying so, where the package is not installed.
 */
class MariaDb10IT {

    private static final Path ROOT = Path.of("target", "mariadb10-it", UUID.randomUUID().toString()).toAbsolutePath();

    @Test
    void onceTasksDueBetweenWholeSecondsKeepTheirMillisecondsAndFireOnTime() throws Exception {
        Optional<DebianMariaDb> database = DebianMariaDb.startIfInstalled(ROOT);
        assumeTrue(database.isPresent(), "Debian's mariadb-server is not installed");
        try (ClusterServers servers = new ClusterServers(database.get());
             CallbackReceiver receiver = new CallbackReceiver()) {
            Map<String, String> environment = ClusterIT.environment(servers, ROOT);
            try (TimerProcess timer = TimerProcess.start("timer-1", environment, ROOT.resolve("logs"))) {
                ApiClient api = new ApiClient(timer.baseUrl());
                String token = ClusterIT.adminToken(environment, ROOT);
                Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(12); // past the first claims, as a task made ahead
                List<Instant> due = List.of(second.plusMillis(250), second.plusMillis(500), second.plusMillis(999));
                for (Instant at : due) {
                    ApiClient.Response created = api.call("POST", "/api/v1/tasks", token, "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \""
                            + receiver.url("/ms") + "\", \"start_time\": \"" + at + "\"}");
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    String id = created.json().getString("task_id");
                    String stored = api.call("GET", "/api/v1/tasks/" + id, token, null).json().getString("start_time");
                    assertThat(Instant.parse(stored)).as("start_time as stored").isEqualTo(at);
                }

                receiver.await(Duration.ofSeconds(20), all -> all.size() == due.size(), "the three fires");
                for (Received fire : receiver.received()) {
                    Duration lateness = Duration.between(fire.scheduledTime(), fire.arrivedAt());
                    System.out.println("MariaDB 10.11: due " + fire.scheduledTime() + ", arrived " + lateness.toMillis() + " ms late");
                    assertThat(due).contains(fire.scheduledTime());
                    assertThat(lateness.isNegative()).as("not early, as a time cut to the whole second would be: " + lateness).isFalse();
                }
            }
        } finally {
            database.get().close();
        }
    }
}
