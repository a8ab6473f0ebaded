package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Answer;
import jakarta.json.JsonObject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Metrics, health and the OpenAPI document, as the real service serves them. */
class ObservabilityIT {

    private static final String[] SECONDS_BOUNDS = {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
        "1.0", "2.5", "5.0", "10.0", "30.0", "60.0", "+Inf"};

    private static RunningService service;
    private static String token;
    private final CallbackReceiver receiver = new CallbackReceiver();

    @BeforeAll
    static void start() {
        // "localhost" takes one request a second: a second call to it waits for its token.
        service = RunningService.start(RunningService.freshDataDir("observe"), Map.of("timer.http.rate.hosts", "localhost=1",
                "timer.metrics.tasks.refresh", "100"));
        token = service.adminToken();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void metricsCountFiresOutcomesRetriesLatenessDurationTasksAndRateLimitWaits() {
        receiver.answerWith(r -> r.path().equals("/flaky") && receiver.receivedAt("/flaky").size() == 1
                ? new Answer(503, "busy", Duration.ZERO) : Answer.ok("{}"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(once(receiver.url("/ok"))));
        }
        ids.add(create(once(receiver.url("/flaky"))));
        ids.add(create(once(receiver.url("/limited").replace("127.0.0.1", "localhost"))));
        ids.add(create(once(receiver.url("/limited").replace("127.0.0.1", "localhost"))));
        ids.forEach(id -> awaitStatus(id, "completed", Duration.ofSeconds(15)));

        PrometheusText metrics = scrape();
        assertThat(metrics.require("timer_fires_total")).isGreaterThanOrEqualTo(6);
        assertThat(metrics.require("timer_executions_total", "outcome", "success")).isGreaterThanOrEqualTo(6);
        assertThat(metrics.require("timer_executions_total", "outcome", "failure")).isZero();
        assertThat(metrics.require("timer_executions_total", "outcome", "aborted")).isZero();
        assertThat(metrics.require("timer_retries_total")).isGreaterThanOrEqualTo(1);
        double fires = metrics.require("timer_fire_lateness_seconds_count");
        assertThat(fires).isGreaterThanOrEqualTo(6);
        for (String histogram : List.of("timer_fire_lateness_seconds", "timer_callback_duration_seconds", "timer_rate_limit_wait_seconds")) {
            double count = metrics.require(histogram + "_count");
            for (String bound : SECONDS_BOUNDS) {
                assertThat(metrics.require(histogram + "_bucket", "le", bound)).as(histogram + " le=" + bound).isBetween(0.0, count);
            }
            assertThat(metrics.require(histogram + "_bucket", "le", "+Inf")).as(histogram).isEqualTo(count);
        }
        assertThat(metrics.require("timer_fire_lateness_seconds_sum")).as("seconds, not ms").isLessThan(fires * 5);
        assertThat(metrics.require("timer_callback_duration_seconds_count")).isGreaterThanOrEqualTo(6);
        assertThat(metrics.require("timer_callback_duration_seconds_sum")).isPositive();
        assertThat(metrics.require("timer_callback_duration_seconds_bucket", "le", "0.5"))
                .as("a loopback callback takes less than 0.5 s, and its bucket says so (values are not rounded up to whole seconds)")
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.require("timer_rate_limit_waits_total")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.require("timer_rate_limit_wait_seconds_count")).isEqualTo(metrics.require("timer_rate_limit_waits_total"));
        assertThat(metrics.require("timer_rate_limit_wait_seconds_sum")).isBetween(0.3, 60.0);
        assertThat(metrics.require("timer_tasks", "status", "completed")).isGreaterThanOrEqualTo(6);
        assertThat(metrics.require("timer_tasks", "status", "failed")).isZero();
        assertThat(metrics.require("timer_engine_window_seconds")).isEqualTo(5);
        assertThat(metrics.require("timer_outcome_write_failures_total")).isZero();
        assertThat(metrics.samples("timer_fire_lateness_seconds")).as("no client-side quantiles").isEmpty();
    }

    /** Prometheus' naming rules, as {@code promtool check metrics} applies them, for every timer_* family; and promtool itself when installed. */
    @Test
    void everyTimerMetricFollowsPrometheusNamingInBaseUnits() throws Exception {
        String text = service.get("/observe/metrics", null).body();
        Map<String, String> types = new TreeMap<>();
        Pattern.compile("(?m)^# TYPE (timer_\\w+) (\\w+)$").matcher(text).results().forEach(m -> types.put(m.group(1), m.group(2)));
        assertThat(types).containsKeys("timer_fire_lateness_seconds", "timer_callback_duration_seconds", "timer_engine_window_seconds");
        types.forEach((name, type) -> {
            assertThat(name).as("snake case").matches("[a-z0-9_]+").doesNotEndWith("_ms").doesNotContain("_ms_");
            assertThat(!type.equals("counter") || name.endsWith("_total")).as(name + " is a counter ending in _total").isTrue();
            assertThat(type.equals("counter") || !name.endsWith("_total")).as(name + " ends in _total but is a " + type).isTrue();
        });
        assertThat(text).as("the largest finite bucket is 60 s").contains("timer_fire_lateness_seconds_bucket{scope=\"application\",le=\"60.0\",}");
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool not installed (apt-get install prometheus)");
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        String timerFamilies = text.lines().filter(line -> line.matches("(# (HELP|TYPE) )?timer_.*")).collect(Collectors.joining("\n", "", "\n"));
        try (var in = check.getOutputStream()) {
            in.write(timerFamilies.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(said).isZero();
        assertThat(said).isBlank();
    }

    @Test
    void theWheelGaugesCountAFireWaitingOnTheWheel() {
        String id = create("{\"user_id\": 1, \"type\": \"interval\", \"http_endpoint\": \"" + receiver.url("/later")
                + "\", \"interval_seconds\": 4}");
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        PrometheusText metrics = scrape();
        while (metrics.require("timer_wheel_entries") < 1 && System.nanoTime() < deadline) {
            TimerProcess.sleep(50);
            metrics = scrape();
        }
        assertThat(metrics.require("timer_wheel_entries")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.require("timer_tracked_fires")).isGreaterThanOrEqualTo(1);
        assertThat(service.call("PUT", "/api/v1/tasks/" + id + "/cancel", token, null).status()).isEqualTo(200);
    }

    @Test
    void livenessChecksTheProcessAndReadinessItsDatabase() {
        ApiClient.Response live = service.get("/observe/health/live", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(checkNames(live.json())).contains("engine", "deadlock").doesNotContain("database");

        ApiClient.Response ready = service.get("/observe/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(checkNames(ready.json())).contains("database").doesNotContain("engine");

        for (String path : List.of("/observe/health", "/actuator/health")) {
            ApiClient.Response all = service.get(path, null);
            assertThat(all.status()).as(path).isEqualTo(200);
            assertThat(all.json().getString("status")).as(path).isEqualTo("UP");
            assertThat(checkNames(all.json())).as(path).contains("database", "engine");
        }
    }

    @Test
    void theOpenApiDocumentIsServedAsTheRestModuleShipsIt() throws Exception {
        ApiClient.Response yaml = service.get("/openapi", null);
        assertThat(yaml.status()).isEqualTo(200);
        Map<String, Object> shipped;
        try (InputStream in = com.coze.timer.rest.RestApi.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            shipped = new Yaml().load(in);
        }
        Map<String, Object> served = new Yaml().load(yaml.body());
        assertThat(served.get("paths")).isEqualTo(shipped.get("paths"));

        ApiClient.Response json = service.get("/openapi?format=json", null);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().getJsonObject("paths").keySet()).isEqualTo(((Map<?, ?>) shipped.get("paths")).keySet());
    }

    @Test
    void theDashboardAndTheReadmeNameOnlyMetricsTheServiceExports() throws Exception {
        PrometheusText metrics = scrape();
        String dashboard = Files.readString(Path.of("..", "docs", "grafana-dashboard.json"));
        try (JsonReader reader = Json.createReader(new StringReader(dashboard))) {
            JsonObject json = reader.readObject();
            assertThat(json.getJsonArray("panels")).hasSizeGreaterThan(10);
            assertThat(json.getJsonObject("templating").getJsonArray("list").getJsonObject(0).getString("query")).isEqualTo("prometheus");
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        String operating = readme.substring(readme.indexOf("## Operating Coze Timer"), readme.indexOf("## Architecture"));
        for (String text : List.of(dashboard, operating)) {
            // timer_cluster_* exist in cluster mode only; ClusterIT checks them.
            List<String> names = Pattern.compile("timer_[a-z_]+").matcher(text).results().map(MatchResult::group)
                    .filter(name -> !name.startsWith("timer_cluster_")).distinct().toList();
            assertThat(names).hasSizeGreaterThan(10)
                    .allSatisfy(name -> assertThat(!metrics.samples(name).isEmpty() || !metrics.samples(name + "_count").isEmpty())
                            .as(name + " is exported").isTrue());
        }
    }

    private static PrometheusText scrape() {
        ApiClient.Response response = service.get("/observe/metrics", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static List<String> checkNames(JsonObject health) {
        return health.getJsonArray("checks").stream().map(check -> check.asJsonObject().getString("name")).toList();
    }

    private static String create(String json) {
        ApiClient.Response response = service.post("/api/v1/tasks", token, json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().getString("task_id");
    }

    private static String once(String url) {
        return "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \"" + url + "\"}";
    }

    private static void awaitStatus(String id, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject task = service.get("/api/v1/tasks/" + id, token).json();
        while (!status.equals(task.getString("status"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task " + id + " never became " + status + ": " + task);
            }
            TimerProcess.sleep(50);
            task = service.get("/api/v1/tasks/" + id, token).json();
        }
    }
}
