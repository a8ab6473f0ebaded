package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.bootstrap.CallbackReceiver.Answer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged jar, run as a process of its own as an orchestrator runs it: the call in
 * flight finishes within the grace and its outcome is stored, the fire still waiting is not sent on
 * the way out (and is sent once after a restart), the embedded database stops with the service,
 * and the exit code is 0. The task log names the task and the execution on one line each.
 */
class GracefulShutdownIT {

    private static final Duration SLOW_ANSWER = Duration.ofSeconds(3);
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}";

    private final CallbackReceiver receiver = new CallbackReceiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void sigtermLetsTheCallInFlightFinishRecordsItAndHandsBackTheWaitingFire() throws Exception {
        receiver.answerWith(r -> r.path().equals("/slow") ? new Answer(200, "{\"done\": true}", SLOW_ANSWER) : Answer.ok("{}"));
        Path dataDir = RunningService.freshDataDir("sigterm");
        Map<String, String> env = Map.of("TIMER_DATA_DIR", dataDir.toString(), "SERVER_HOST", "127.0.0.1",
                "TIMER_ALLOW_PRIVATE_TARGETS", "true", "TIMER_ENGINE_GRACE", "10000");
        String slow;
        String waiting;
        try (TimerProcess service = TimerProcess.start("first", env, dataDir)) {
            ApiClient api = new ApiClient(service.baseUrl());
            String token = adminToken(dataDir);
            slow = create(api, token, once("/slow", null));
            waiting = create(api, token, once("/waiting", Instant.now().plusSeconds(4)));
            receiver.await(Duration.ofSeconds(10), all -> !all.isEmpty(), "the slow call");

            Instant sigterm = Instant.now();
            int exitCode = service.stop();
            Duration stopping = Duration.between(sigterm, Instant.now());

            assertThat(exitCode).as("exit code, see " + dataDir.resolve("first.log")).isZero();
            assertThat(stopping).as("waited for the call in flight, within the grace").isBetween(Duration.ofMillis(2_000),
                    Duration.ofSeconds(10));
            assertThat(receiver.receivedAt("/waiting")).as("the waiting fire was not sent on the way out").isEmpty();
            String execution = receiver.receivedAt("/slow").getFirst().executionId();
            assertThat(Files.readString(dataDir.resolve("first.log")).lines().filter(line -> line.contains(slow)).toList())
                    .as("the task log").satisfiesExactly(
                            created -> assertThat(created).matches(TIMESTAMP + " INFO com\\.coze\\.timer\\.tasks: task " + slow
                                    + " created: user=1 type=once next_run_time=\\S+"),
                            completed -> assertThat(completed).endsWith(" INFO com.coze.timer.tasks: task " + slow
                                    + " completed: its only execution succeeded (execution " + execution + ", executions=1)"));
            int dbPort = Integer.parseInt(Files.readString(dataDir.resolve(DataFolder.DB_PORT_FILE)).trim());
            assertThatThrownBy(() -> new Socket("127.0.0.1", dbPort).close()).as("the embedded MariaDB stopped")
                    .isInstanceOf(IOException.class);
        }

        try (TimerProcess again = TimerProcess.start("second", env, dataDir)) {
            ApiClient api = new ApiClient(again.baseUrl());
            String token = adminToken(dataDir);
            JsonObject finished = task(api, token, slow);
            assertThat(finished.getString("status")).isEqualTo("completed");
            assertThat(finished.getInt("execution_count")).isEqualTo(1);
            JsonObject last = finished.getJsonObject("last_execution");
            assertThat(last.getString("outcome")).isEqualTo("success");
            assertThat(last.getInt("http_status")).isEqualTo(200);
            assertThat(last.getJsonNumber("duration_ms").longValue()).isGreaterThanOrEqualTo(SLOW_ANSWER.toMillis() - 100);

            receiver.await(Duration.ofSeconds(15), all -> all.stream().anyMatch(r -> r.path().equals("/waiting")), "the waiting fire");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!task(api, token, waiting).getString("status").equals("completed") && System.nanoTime() < deadline) {
                TimerProcess.sleep(100);
            }
            assertThat(task(api, token, waiting).getString("status")).isEqualTo("completed");
            assertThat(receiver.receivedAt("/waiting")).hasSize(1);
            assertThat(receiver.receivedAt("/slow")).as("not repeated after the restart").hasSize(1);
        }
    }

    private String once(String path, Instant at) {
        return "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \"" + receiver.url(path) + "\""
                + (at == null ? "" : ", \"start_time\": \"" + at + "\"") + "}";
    }

    private static String create(ApiClient api, String token, String json) {
        ApiClient.Response response = api.call("POST", "/api/v1/tasks", token, json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().getString("task_id");
    }

    private static JsonObject task(ApiClient api, String token, String id) {
        return api.call("GET", "/api/v1/tasks/" + id, token, null).json();
    }

    private static String adminToken(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve(DataFolder.ADMIN_TOKEN_FILE)).getFirst().trim();
    }
}
