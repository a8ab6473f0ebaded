package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.ApiClient.Response;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The seed's README examples, against the real service in embedded mode, and what a restart keeps. */
class SeedExamplesIT {

    private static final String CREATE = """
            {"user_id": 1001, "type": "interval", "http_endpoint": "https://api.example.com/callback", "method": "POST",
             "headers": {"Authorization": "Bearer your-token"}, "body": {"data": "example-data"},
             "interval_seconds": 20, "stop_condition": {"max_cnt": 100}}""";

    private static Path dataDir;
    private static RunningService service;

    @BeforeAll
    static void start() {
        dataDir = RunningService.freshDataDir("seed");
        service = RunningService.start(dataDir, Map.of("timer.allow.private.targets", "false"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theFirstStartWritesAnAdminTokenReadableOnlyByItsOwner() throws Exception {
        Path file = dataDir.resolve("admin-token");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(service.adminToken()).startsWith("ctk_");
    }

    @Test
    void createGetListCountCancelDeleteAnswerWithTheSeedsFieldsAndMessages() {
        String token = service.adminToken();
        Response created = service.post("/api/v1/tasks", token, CREATE);
        assertThat(created.status()).isEqualTo(201);
        JsonObject body = created.json();
        assertThat(body.getString("status")).isEqualTo("success");
        String id = body.getString("task_id");
        assertThat(body.getString("next_run_time")).endsWith("Z");

        JsonObject task = service.get("/api/v1/tasks/" + id, token).json();
        assertThat(task.getString("status")).isEqualTo("pending");
        assertThat(task.getString("http_endpoint")).isEqualTo("https://api.example.com/callback");
        assertThat(task.getJsonObject("headers").getString("Authorization")).isEqualTo("Bearer ******");
        assertThat(task.getJsonObject("stop_condition").getInt("max_cnt")).isEqualTo(100);
        assertThat(task.containsKey("last_execution")).isTrue();
        assertThat(task.getString("created_at")).endsWith("Z");

        JsonObject pending = service.get("/api/v1/users/1001/tasks?status=pending", token).json();
        assertThat(pending.getJsonArray("tasks")).anySatisfy(t -> assertThat(t.asJsonObject().getString("task_id")).isEqualTo(id));
        assertThat(pending.getInt("total")).isGreaterThanOrEqualTo(1);
        JsonObject count = service.get("/api/v1/users/1001/tasks/running-count", token).json();
        assertThat(count.getInt("user_id")).isEqualTo(1001);
        assertThat(count.containsKey("running_tasks")).isTrue();
        assertThat(count.getString("last_updated")).endsWith("Z");

        Response cancelled = service.call("PUT", "/api/v1/tasks/" + id + "/cancel", token, null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().getString("message")).isEqualTo("Task stopped successfully");
        assertThat(service.get("/api/v1/tasks/" + id, token).json().getString("status")).isEqualTo("stopped");

        Response deleted = service.call("DELETE", "/api/v1/tasks/" + id, token, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().getString("message")).isEqualTo("Task deleted permanently");
        assertThat(service.get("/api/v1/tasks/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void badInputIsAFieldNamedClientErrorThatLeavesNoRowAndTheServiceServesOn() {
        String token = service.adminToken();
        long before = total(token);
        assertError(service.post("/api/v1/tasks", token, "{\"user_id\": 1001, \"type\": "), 400, null);
        assertError(service.post("/api/v1/tasks", token, "[1, 2]"), 400, null);
        assertError(service.post("/api/v1/tasks", token, CREATE.replace("\"interval_seconds\": 20", "\"interval_seconds\": 0")),
                400, "interval_seconds");
        assertError(service.post("/api/v1/tasks", token, CREATE.replace("https://api.example.com/callback", "http://169.254.169.254/")),
                400, "http_endpoint");
        assertError(service.post("/api/v1/tasks", token, CREATE.replace("https://api.example.com/callback", "http://127.0.0.1:8080/")),
                400, "http_endpoint");
        assertError(service.post("/api/v1/tasks", "not-a-token", CREATE), 401, null);
        assertError(service.post("/api/v1/tasks", token, "{\"pad\": \"" + "x".repeat(1_100_000) + "\"}"), 413, null);
        assertThat(total(token)).isEqualTo(before);
        assertThat(service.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void aRestartKeepsEveryTaskAndToken() {
        String admin = service.adminToken();
        String userToken = mintToken("1001");
        String id = service.post("/api/v1/tasks", userToken, CREATE).json().getString("task_id");

        service.close();
        service = RunningService.start(dataDir, Map.of("timer.allow.private.targets", "false"));

        assertThat(service.get("/api/v1/tasks/" + id, userToken).json().getString("task_id")).isEqualTo(id);
        assertThat(service.get("/api/v1/tasks/" + id, admin).status()).isEqualTo(200);
        assertThat(service.adminToken()).isEqualTo(admin);
    }

    /** Runs {@code token create} as a user would, beside the running service, and returns its last line. */
    private static String mintToken(String user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        String previous = System.setProperty("timer.data.dir", dataDir.toString());
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute("token", "create", "--user", user);
            assertThat(exit).isZero();
        } finally {
            System.setOut(original);
            restore("timer.data.dir", previous);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1].trim();
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static long total(String token) {
        return service.get("/api/v1/users/1001/tasks", token).json().getJsonNumber("total").longValue();
    }

    private static void assertError(Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonObject error = response.json();
        assertThat(error.getString("status")).isEqualTo("error");
        assertThat(error.getString("code")).isNotBlank();
        assertThat(error.getString("message")).isNotBlank();
        if (field != null) {
            assertThat(error.getString("field")).isEqualTo(field);
        }
    }
}
