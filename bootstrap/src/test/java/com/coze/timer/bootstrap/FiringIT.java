package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Answer;
import com.coze.timer.bootstrap.CallbackReceiver.Received;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine end to end: the real service fires tasks at a real HTTP receiver on loopback. */
class FiringIT {

    private static RunningService service;
    private static String token;
    private final CallbackReceiver receiver = new CallbackReceiver();

    @BeforeAll
    static void start() {
        // "localhost" is limited to 2 requests/s, to see the per-host token bucket hold.
        service = RunningService.start(RunningService.freshDataDir("firing"), Map.of(
                "timer.http.rate.hosts", "localhost=2", "timer.engine.failures", "3"));
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
    void maxCountIsExact() {
        String id = create(interval("/max", 1, "{\"max_cnt\": 3}"));
        awaitStatus(id, "completed", Duration.ofSeconds(10));
        TimerProcess.sleep(1_500);
        assertThat(receiver.receivedAt("/max")).hasSize(3);
        assertThat(task(id).getInt("execution_count")).isEqualTo(3);
    }

    @Test
    void aResponseCarryingFinshTrueStopsTheTask() {
        receiver.answerWith(r -> Answer.ok(receiver.receivedAt("/finsh").size() >= 2 ? "{\"finsh\": true}" : "{\"finsh\": false}"));
        String id = create(interval("/finsh", 1, "{\"finsh\": true}"));
        awaitStatus(id, "completed", Duration.ofSeconds(10));
        TimerProcess.sleep(1_500);
        assertThat(receiver.receivedAt("/finsh")).hasSize(2);
    }

    @Test
    void retriesCarryOneExecutionIdAndBackOff() {
        receiver.answerWith(r -> receiver.receivedAt("/retry").size() <= 2 ? new Answer(503, "busy", Duration.ZERO) : Answer.ok("{}"));
        String id = create(once("/retry"));
        awaitStatus(id, "completed", Duration.ofSeconds(10));
        List<Received> attempts = receiver.receivedAt("/retry");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().map(Received::executionId).collect(Collectors.toSet())).hasSize(1);
        Duration first = Duration.between(attempts.get(0).arrivedAt(), attempts.get(1).arrivedAt());
        Duration second = Duration.between(attempts.get(1).arrivedAt(), attempts.get(2).arrivedAt());
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(second).isGreaterThan(first);
        JsonObject last = task(id).getJsonObject("last_execution");
        assertThat(last.getInt("attempts")).isEqualTo(3);
        assertThat(last.getInt("http_status")).isEqualTo(200);
    }

    @Test
    void aTasksOwnRetriesReplaceTheServiceSettings() {
        receiver.answerWith(r -> new Answer(503, "busy", Duration.ZERO));
        String id = create(withDelivery(once("/own-retries"), "\"retry\": {\"max_retries\": 1, \"backoff_ms\": 400}"));
        awaitStatus(id, "failed", Duration.ofSeconds(10));
        List<Received> attempts = receiver.receivedAt("/own-retries");
        assertThat(attempts).hasSize(2); // the service's settings would have made 4
        assertThat(Duration.between(attempts.get(0).arrivedAt(), attempts.get(1).arrivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        assertThat(task(id).getJsonObject("last_execution").getInt("attempts")).isEqualTo(2);
    }

    @Test
    void aTasksOwnTimeoutEndsAnAttemptSooner() {
        receiver.answerWith(r -> new Answer(200, "{}", Duration.ofSeconds(5)));
        String id = create(withDelivery(once("/own-timeout"), "\"retry\": {\"max_retries\": 0}, \"timeout_ms\": 1000"));
        awaitStatus(id, "failed", Duration.ofSeconds(10));
        JsonObject last = task(id).getJsonObject("last_execution");
        assertThat(last.getString("error")).contains("timed out");
        assertThat(last.getJsonNumber("duration_ms").longValue()).isLessThan(4_000);
    }

    @Test
    void aClientErrorIsNotRetriedAndFailsAOnceTask() {
        receiver.answerWith(r -> new Answer(400, "{\"error\": \"bad\"}", Duration.ZERO));
        String id = create(once("/bad"));
        awaitStatus(id, "failed", Duration.ofSeconds(10));
        TimerProcess.sleep(1_000);
        assertThat(receiver.receivedAt("/bad")).hasSize(1);
    }

    @Test
    void thePerHostRateHoldsAndNoFireIsDropped() {
        for (int i = 0; i < 6; i++) {
            create(once("/rate").replace("127.0.0.1", "localhost"));
        }
        receiver.await(Duration.ofSeconds(15), all -> all.size() >= 6, "6 rate-limited fires");
        List<Received> arrivals = receiver.receivedAt("/rate");
        assertThat(arrivals).hasSize(6);
        Duration spread = Duration.between(arrivals.getFirst().arrivedAt(), arrivals.getLast().arrivedAt());
        assertThat(spread).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void cancelAbortsTheCallInFlightAndNothingMoreIsSent() {
        receiver.answerWith(r -> new Answer(200, "{}", Duration.ofSeconds(10)));
        String id = create(interval("/slow", 1, null));
        receiver.await(Duration.ofSeconds(5), all -> !all.isEmpty(), "the slow call");
        Instant cancelledAt = Instant.now();
        assertThat(service.call("PUT", "/api/v1/tasks/" + id + "/cancel", token, null).status()).isEqualTo(200);
        awaitLastOutcome(id, "aborted", Duration.ofSeconds(3));
        assertThat(Duration.between(cancelledAt, Instant.now())).isLessThan(Duration.ofSeconds(3));
        TimerProcess.sleep(2_000);
        assertThat(receiver.receivedAt("/slow")).hasSize(1);
        assertThat(task(id).getString("status")).isEqualTo("stopped");
    }

    @Test
    void aRestartWithOverdueTasksFiresEachOnceThenResumes() {
        Set<String> ids = Set.of(create(interval("/overdue", 2, null)), create(interval("/overdue", 2, null)),
                create(interval("/overdue", 2, null)));
        receiver.await(Duration.ofSeconds(6), all -> all.size() >= 3, "the first fires");
        service.close();
        TimerProcess.sleep(5_000); // two or three occurrences of each task pass while nothing runs
        int before = receiver.receivedAt("/overdue").size();
        Instant restartedAt = Instant.now();
        service = RunningService.start(service.dataDir(), Map.of("timer.http.rate.hosts", "localhost=2",
                "timer.engine.failures", "3"));
        receiver.await(Duration.ofSeconds(8), all -> all.size() >= before + 6, "a catch-up fire and a regular fire per task");
        List<Received> sinceRestart = receiver.receivedAt("/overdue").subList(before, receiver.receivedAt("/overdue").size());
        for (String id : ids) {
            List<Instant> scheduled = sinceRestart.stream().filter(r -> r.taskId().equals(id)).map(Received::scheduledTime).toList();
            assertThat(scheduled.stream().filter(t -> t.isBefore(restartedAt))).as("catch-up fires of " + id).hasSize(1);
            assertThat(scheduled.stream().filter(t -> !t.isBefore(restartedAt))).as("resumed fires of " + id).isNotEmpty();
        }
    }

    private String create(String json) {
        var response = service.post("/api/v1/tasks", token, json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().getString("task_id");
    }

    private String interval(String path, int seconds, String stop) {
        return "{\"user_id\": 1, \"type\": \"interval\", \"http_endpoint\": \"" + receiver.url(path) + "\", \"interval_seconds\": "
                + seconds + (stop == null ? "" : ", \"stop_condition\": " + stop) + "}";
    }

    private String once(String path) {
        return "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \"" + receiver.url(path) + "\"}";
    }

    private static String withDelivery(String json, String fields) {
        return json.substring(0, json.length() - 1) + ", " + fields + "}";
    }

    private static JsonObject task(String id) {
        return service.get("/api/v1/tasks/" + id, token).json();
    }

    private static void awaitStatus(String id, String status, Duration timeout) {
        awaitTask(id, t -> status.equals(t.getString("status")), "status " + status, timeout);
    }

    private static void awaitLastOutcome(String id, String outcome, Duration timeout) {
        awaitTask(id, t -> !t.isNull("last_execution") && outcome.equals(t.getJsonObject("last_execution").getString("outcome")),
                "last outcome " + outcome, timeout);
    }

    private static void awaitTask(String id, java.util.function.Predicate<JsonObject> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject task = task(id);
        while (!condition.test(task)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task " + id + " never reached " + what + ": " + task);
            }
            TimerProcess.sleep(50);
            task = task(id);
        }
    }
}
