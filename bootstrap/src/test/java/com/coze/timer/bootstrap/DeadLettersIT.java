package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Answer;
import com.coze.timer.bootstrap.CallbackReceiver.Received;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Final failures end to end, on the real service (embedded MariaDB) and a real receiver: the
 * failure callback sent once, the dead letter listed, redriven and deleted, and the execution log
 * kept within its cap by the purge.
 */
class DeadLettersIT {

    private static RunningService service;
    private static String token;
    private final CallbackReceiver receiver = new CallbackReceiver();

    @BeforeAll
    static void start() {
        service = RunningService.start(RunningService.freshDataDir("dead-letters"), Map.of(
                "timer.logs.max.per.task", "3", "timer.logs.purge.interval", "300", "timer.logs.purge.batch", "2"));
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
    void aFinalFailureSendsOneFailureCallbackAndLeavesADeadLetterThatARedriveSendsAgain() {
        receiver.answerWith(r -> r.path().equals("/fail") ? new Answer(400, "{\"error\": \"bad\"}", Duration.ZERO) : Answer.ok("{}"));
        String id = create(once("/fail", receiver.url("/failure")));
        receiver.await(Duration.ofSeconds(10), all -> all.stream().anyMatch(r -> r.path().equals("/failure")), "the failure callback");
        TimerProcess.sleep(1_500);
        Received fire = receiver.receivedAt("/fail").getFirst();
        List<Received> notices = receiver.receivedAt("/failure");
        assertThat(notices).as("failure callbacks of one final failure").hasSize(1);
        JsonObject notice = parse(notices.getFirst().body());
        assertThat(notice.getString("task_id")).isEqualTo(id);
        assertThat(notice.getString("execution_id")).isEqualTo(fire.executionId());
        assertThat(notice.getString("scheduled_time")).isEqualTo(fire.scheduledTime().toString());
        assertThat(notice.getInt("attempts")).isEqualTo(1);
        assertThat(notice.getInt("http_status")).isEqualTo(400);
        assertThat(notice.getString("response_body")).isEqualTo("{\"error\": \"bad\"}");
        assertThat(notices.getFirst().executionId()).as("the failure callback's own id").isNotEqualTo(fire.executionId());
        assertThat(notices.getFirst().headers().get("webhook-signature")).as("signed like the task's callbacks").startsWith("v1,");
        assertThat(notices.getFirst().headers().get("webhook-id")).isEqualTo(notices.getFirst().executionId());

        JsonObject deadLetter = onlyDeadLetterOf(id);
        assertThat(deadLetter.getString("execution_id")).isEqualTo(fire.executionId());
        assertThat(deadLetter.getInt("http_status")).isEqualTo(400);
        assertThat(deadLetter.keySet()).contains("dead_letter_id", "task_id", "scheduled_time", "failed_at", "attempts", "error");

        receiver.answerWith(r -> Answer.ok("{\"ok\": true}"));
        ApiClient.Response redrive = service.post("/api/v1/dead-letters/" + deadLetter.getString("dead_letter_id") + "/redrive", token, "");
        assertThat(redrive.status()).as(redrive.body()).isEqualTo(202);
        receiver.await(Duration.ofSeconds(10), all -> all.stream().filter(r -> r.path().equals("/fail")).count() == 2, "the redrive");
        assertThat(receiver.receivedAt("/fail").get(1).executionId()).isEqualTo(fire.executionId());
        assertThat(receiver.receivedAt("/fail").get(1).headers().get("webhook-signature")).as("a redrive is signed").startsWith("v1,");
        awaitDeadLetters(id, List::isEmpty, "the redriven dead letter removed");
        JsonObject newest = executions(id).getJsonObject(0);
        assertThat(newest.getBoolean("redrive")).isTrue();
        assertThat(newest.getString("outcome")).isEqualTo("success");
        assertThat(newest.getString("execution_id")).isEqualTo(fire.executionId());
        assertThat(receiver.receivedAt("/failure")).as("no failure callback for a redrive").hasSize(1);
    }

    @Test
    void aRedriveThatFailsKeepsTheDeadLetterWithItsAttemptAndADeleteRemovesIt() {
        receiver.answerWith(r -> new Answer(404, "gone", Duration.ZERO));
        String id = create(once("/missing", null));
        JsonObject first = awaitDeadLetters(id, list -> list.size() == 1, "the dead letter").getJsonObject(0);
        receiver.answerWith(r -> new Answer(410, "still gone", Duration.ZERO));
        String path = "/api/v1/dead-letters/" + first.getString("dead_letter_id");
        assertThat(service.post(path + "/redrive", token, "").status()).isEqualTo(202);
        JsonObject again = awaitDeadLetters(id, list -> list.size() == 1 && list.getJsonObject(0).getInt("http_status") == 410,
                "the failed redrive recorded").getJsonObject(0);
        assertThat(again.getString("dead_letter_id")).isEqualTo(first.getString("dead_letter_id"));
        assertThat(executions(id).getJsonObject(0).getBoolean("redrive")).isTrue();

        assertThat(service.call("DELETE", path, token, null).status()).isEqualTo(200);
        assertThat(deadLettersOf(id)).isEmpty();
        assertThat(service.call("DELETE", path, token, null).status()).isEqualTo(404);
    }

    @Test
    void twoRedrivesAtOnceSendOnceAndTheSecondIsAConflict() throws Exception {
        receiver.answerWith(r -> receiver.receivedAt("/twice").size() == 1 ? new Answer(404, "gone", Duration.ZERO)
                : new Answer(200, "{}", Duration.ofMillis(1_500)));
        String id = create(once("/twice", null));
        String path = "/api/v1/dead-letters/" + onlyDeadLetterOf(id).getString("dead_letter_id") + "/redrive";

        CompletableFuture<ApiClient.Response> a = CompletableFuture.supplyAsync(() -> service.post(path, token, ""));
        CompletableFuture<ApiClient.Response> b = CompletableFuture.supplyAsync(() -> service.post(path, token, ""));
        List<ApiClient.Response> both = List.of(a.get(), b.get());

        assertThat(both).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(202, 409);
        JsonObject conflict = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow().json();
        assertThat(conflict.getString("code")).isEqualTo("conflict");
        assertThat(conflict.getString("message")).contains("a redrive is already in progress");
        awaitDeadLetters(id, List::isEmpty, "the redriven dead letter removed");
        TimerProcess.sleep(500);
        assertThat(receiver.receivedAt("/twice")).as("the fire and one redrive").hasSize(2);
    }

    @Test
    void aRedriveIsTriedWithTheTasksOwnRetriesAndTimeout() {
        // two attempts at once fail the fire; the redrive's are answered after the task's 1 s timeout
        receiver.answerWith(r -> receiver.receivedAt("/own").size() <= 2 ? new Answer(503, "down", Duration.ZERO)
                : new Answer(200, "{}", Duration.ofMillis(1_500)));
        String id = create(once("/own", null).replaceFirst("}$",
                ", \"retry\": {\"max_retries\": 1, \"backoff_ms\": 100, \"max_backoff_ms\": 100}, \"timeout_ms\": 1000}"));
        JsonObject first = awaitDeadLetters(id, list -> list.size() == 1, "the dead letter").getJsonObject(0);
        assertThat(first.getInt("attempts")).isEqualTo(2);

        assertThat(service.post("/api/v1/dead-letters/" + first.getString("dead_letter_id") + "/redrive", token, "").status())
                .isEqualTo(202);

        JsonObject again = awaitDeadLetters(id, list -> list.size() == 1 && !list.getJsonObject(0).getString("failed_at")
                .equals(first.getString("failed_at")), "the failed redrive recorded").getJsonObject(0);
        assertThat(again.getInt("attempts")).as("the task's max_retries 1").isEqualTo(2);
        assertThat(again.getString("error")).as("the task's timeout_ms").containsIgnoringCase("time");
        assertThat(receiver.receivedAt("/own")).hasSize(4);
    }

    @Test
    void aDeletedTasksDeadLetterStaysAndIsRedrivenWithTheServiceSettingsUnsigned() {
        receiver.answerWith(r -> new Answer(503, "down", Duration.ZERO));
        String id = create(once("/deleted", null).replaceFirst("}$", ", \"retry\": {\"max_retries\": 0}}"));
        JsonObject deadLetter = awaitDeadLetters(id, list -> list.size() == 1, "the dead letter").getJsonObject(0);
        assertThat(service.call("DELETE", "/api/v1/tasks/" + id, token, null).status()).isEqualTo(200);
        assertThat(deadLettersOf(id)).as("kept with its task deleted").hasSize(1);

        assertThat(service.post("/api/v1/dead-letters/" + deadLetter.getString("dead_letter_id") + "/redrive", token, "").status())
                .isEqualTo(202);

        JsonObject again = awaitDeadLetters(id, list -> list.size() == 1 && list.getJsonObject(0).getInt("attempts") > 1,
                "the failed redrive recorded").getJsonObject(0);
        assertThat(again.getInt("attempts")).as("the service's 3 retries").isEqualTo(4);
        List<Received> redriven = receiver.receivedAt("/deleted").subList(1, 5);
        assertThat(redriven).extracting(Received::executionId).containsOnly(deadLetter.getString("execution_id"));
        assertThat(redriven).extracting(r -> r.headers().get("webhook-id")).as("one webhook-id on every attempt")
                .containsOnly(deadLetter.getString("execution_id"));
        assertThat(redriven).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("webhook-signature"));
    }

    @Test
    void aFailureCallbackUrlFollowsTheEndpointsRulesAndIsShownAndRemoved() {
        ApiClient.Response bad = service.post("/api/v1/tasks", token, once("/x", "ftp://example.com/x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("failure_callback_url");
        String later = ", \"start_time\": \"2099-01-01T00:00:00Z\"}";
        String id = create(once("/x", "https://example.com/failures").replaceFirst("}$", later));
        assertThat(task(id).getString("failure_callback_url")).isEqualTo("https://example.com/failures");
        ApiClient.Response patched = service.call("PATCH", "/api/v1/tasks/" + id, token, "{\"failure_callback_url\": null}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(task(id).isNull("failure_callback_url")).isTrue();
    }

    @Test
    void thePurgeKeepsATasksLogWithinItsCap() {
        String id = create("{\"user_id\": 1, \"type\": \"interval\", \"interval_seconds\": 1, \"http_endpoint\": \""
                + receiver.url("/often") + "\"}");
        receiver.await(Duration.ofSeconds(15), all -> all.size() >= 8, "eight fires");
        TimerProcess.sleep(800);
        assertThat(executions(id).size()).as("executions kept of " + receiver.received().size()).isLessThanOrEqualTo(4);
        PrometheusText metrics = PrometheusText.parse(service.get("/observe/metrics", null).body());
        assertThat(metrics.require("timer_logs_purged_total")).isGreaterThanOrEqualTo(4);
        assertThat(metrics.require("timer_failure_callbacks_failed_total")).isZero();
    }

    private String create(String json) {
        ApiClient.Response response = service.post("/api/v1/tasks", token, json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().getString("task_id");
    }

    private String once(String path, String failureCallback) {
        return "{\"user_id\": 1, \"type\": \"once\", \"http_endpoint\": \"" + receiver.url(path) + "\""
                + (failureCallback == null ? "" : ", \"failure_callback_url\": \"" + failureCallback + "\"") + "}";
    }

    private static JsonObject task(String id) {
        return service.get("/api/v1/tasks/" + id, token).json();
    }

    private static JsonArray executions(String id) {
        return service.get("/api/v1/tasks/" + id + "/executions", token).json().getJsonArray("executions");
    }

    private static JsonArray deadLettersOf(String taskId) {
        JsonArray all = service.get("/api/v1/users/1/dead-letters?limit=500", token).json().getJsonArray("dead_letters");
        return all.stream().map(JsonObject.class::cast).filter(d -> d.getString("task_id").equals(taskId))
                .collect(Json::createArrayBuilder, (b, d) -> b.add(d), (a, b) -> { }).build();
    }

    private static JsonObject onlyDeadLetterOf(String taskId) {
        return awaitDeadLetters(taskId, list -> list.size() == 1, "one dead letter").getJsonObject(0);
    }

    private static JsonArray awaitDeadLetters(String taskId, Predicate<JsonArray> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonArray found = deadLettersOf(taskId);
        while (!condition.test(found)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + what + ": " + found);
            }
            TimerProcess.sleep(50);
            found = deadLettersOf(taskId);
        }
        return found;
    }

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
