package com.coze.timer.rest;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.TaskStates;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET, cancel and delete of one task. */
@ServerTest
class TaskLifecycleTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;

    TaskLifecycleTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void reset() {
        FIXTURE.reset();
    }

    @Test
    void getShowsTheTaskWithTheSeedsFields() {
        String id = api.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST).string("task_id");
        FIXTURE.clock.set(Instant.parse("2026-04-22T10:00:05Z"));

        ApiClient.Reply reply = api.get("/api/v1/tasks/" + id);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonObject task = reply.json();
        assertThat(task.getString("task_id")).isEqualTo(id);
        assertThat(task.getInt("user_id")).isEqualTo(1001);
        assertThat(task.getString("type")).isEqualTo("interval");
        assertThat(task.getString("status")).isEqualTo("pending");
        assertThat(task.getString("http_endpoint")).isEqualTo("https://api.example.com/execute");
        assertThat(task.getString("method")).isEqualTo("POST");
        assertThat(task.getJsonObject("body").toString()).isEqualTo("{\"data\":\"example\"}");
        assertThat(task.getInt("interval_seconds")).isEqualTo(20);
        assertThat(task.containsKey("cron_expression")).isFalse();
        assertThat(task.get("start_time")).isEqualTo(JsonValue.NULL);
        assertThat(task.getJsonObject("stop_condition").toString()).isEqualTo("{\"max_cnt\":300,\"finsh\":true}");
        assertThat(task.getInt("execution_count")).isZero();
        assertThat(task.get("last_execution")).isEqualTo(JsonValue.NULL);
        assertThat(task.getString("next_run_time")).isEqualTo("2026-04-22T10:00:20Z");
        assertThat(task.getString("created_at")).isEqualTo("2026-04-22T10:00:00Z");
        assertThat(task.getString("updated_at")).isEqualTo("2026-04-22T10:00:00Z");
    }

    @Test
    void secretHeadersAreMaskedAndOthersShown() {
        Task task = FIXTURE.store.put(aTask().header("Authorization", "Bearer sk-live-123456").header("X-Api-Key", "k-987")
                .header("Cookie", "session=abc").header("X-Trace", "t-1").build());

        JsonObject headers = api.get("/api/v1/tasks/" + task.id()).json().getJsonObject("headers");

        assertThat(headers.getString("Authorization")).isEqualTo("Bearer ******");
        assertThat(headers.getString("X-Api-Key")).isEqualTo("******");
        assertThat(headers.getString("Cookie")).isEqualTo("******");
        assertThat(headers.getString("X-Trace")).isEqualTo("t-1");
        assertThat(headers.toString()).doesNotContain("sk-live-123456", "k-987", "abc");
    }

    @Test
    void getShowsTheLastExecution() {
        Task task = FIXTURE.store.put(TaskStates.firedOnce(aTask().build(), Instant.parse("2026-04-22T10:00:20Z")));
        FIXTURE.log.append(record(task, "2026-04-22T10:00:20Z", 500, ExecutionOutcome.FAILURE, "HTTP 500"));
        FIXTURE.log.append(record(task, "2026-04-22T10:00:40Z", 200, ExecutionOutcome.SUCCESS, null));

        JsonObject task1 = api.get("/api/v1/tasks/" + task.id()).json();

        assertThat(task1.getString("status")).isEqualTo("running");
        JsonObject last = task1.getJsonObject("last_execution");
        assertThat(last.getString("timestamp")).isEqualTo("2026-04-22T10:00:40.015Z");
        assertThat(last.getString("scheduled_time")).isEqualTo("2026-04-22T10:00:40Z");
        assertThat(last.getInt("http_status")).isEqualTo(200);
        assertThat(last.getString("response_body")).isEqualTo("OK");
        assertThat(last.getInt("duration_ms")).isEqualTo(35);
        assertThat(last.getInt("attempts")).isEqualTo(1);
        assertThat(last.getString("outcome")).isEqualTo("success");
        assertThat(last.get("error")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void aCronTaskShowsItsExpressionAndZone() {
        Task task = FIXTURE.store.put(aTask().cron("0 0 12 * * ?", "Asia/Shanghai").build());

        JsonObject json = api.get("/api/v1/tasks/" + task.id()).json();

        assertThat(json.getString("type")).isEqualTo("cron");
        assertThat(json.getString("cron_expression")).isEqualTo("0 0 12 * * ?");
        assertThat(json.getString("time_zone")).isEqualTo("Asia/Shanghai");
        assertThat(json.containsKey("interval_seconds")).isFalse();
    }

    @Test
    void anUnknownOrMalformedTaskIdIsA404() {
        assertError(api.get("/api/v1/tasks/6ba7b810-9dad-41d1-80b4-00c04fd430c8"), 404, "not_found", null);
        assertError(api.get("/api/v1/tasks/not-a-uuid"), 404, "not_found", null);
        assertError(api.get("/api/v1/tasks/%27%20OR%201=1"), 404, "not_found", null);
        assertError(api.put("/api/v1/tasks/123/cancel"), 404, "not_found", null);
    }

    @Test
    void cancelStopsTheTaskAndKeepsIt() {
        Task task = FIXTURE.store.put(aTask().build());

        ApiClient.Reply reply = api.put("/api/v1/tasks/" + task.id() + "/cancel");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"status\":\"success\",\"message\":\"Task stopped successfully\"}");
        JsonObject shown = api.get("/api/v1/tasks/" + task.id()).json();
        assertThat(shown.getString("status")).isEqualTo("stopped");
        assertThat(shown.get("next_run_time")).isEqualTo(JsonValue.NULL);
        assertThat(FIXTURE.changes.unscheduled()).containsExactly(task.id());
    }

    @Test
    void cancelOfAStoppedTaskIsA409() {
        Task task = FIXTURE.store.put(TaskStates.stopped(aTask().build(), FIXTURE.clock.instant()));

        assertError(api.put("/api/v1/tasks/" + task.id() + "/cancel"), 409, "conflict", null);
    }

    @Test
    void deleteRemovesTheTaskAndItsHistory() {
        Task task = FIXTURE.store.put(aTask().build());
        FIXTURE.log.append(record(task, "2026-04-22T10:00:20Z", 200, ExecutionOutcome.SUCCESS, null));

        ApiClient.Reply reply = api.delete("/api/v1/tasks/" + task.id());

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"status\":\"success\",\"message\":\"Task deleted permanently\"}");
        assertError(api.get("/api/v1/tasks/" + task.id()), 404, "not_found", null);
        assertThat(FIXTURE.log.size()).isZero();
        assertError(api.delete("/api/v1/tasks/" + task.id()), 404, "not_found", null);
    }

    static ExecutionRecord record(Task task, String scheduled, int status, ExecutionOutcome outcome, String error) {
        Instant at = Instant.parse(scheduled);
        return new ExecutionRecord(0, "exec-" + scheduled, task.id(), task.userId(), at, at.plusMillis(15), 35,
                OptionalInt.of(status), Optional.of(status == 200 ? "OK" : "boom"), 1, outcome, Optional.ofNullable(error));
    }
}
