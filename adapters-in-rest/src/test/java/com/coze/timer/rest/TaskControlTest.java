package com.coze.timer.rest;

import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.task.TaskId;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT pause, PUT resume and POST run, exactly as SPEC "Control" has them. */
@ServerTest
class TaskControlTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;
    private String path;

    TaskControlTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void aTaskEveryTwentySeconds() {
        FIXTURE.reset();
        FIXTURE.clock.set(Instant.parse("2026-04-22T10:00:00Z"));
        path = "/api/v1/tasks/" + api.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST).string("task_id");
    }

    @Test
    void pauseAnswersAsTheSpecSaysAndTheTaskShowsPausedWithNoNextRun() {
        ApiClient.Reply reply = api.put(path + "/pause");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"status\":\"success\",\"message\":\"Task paused successfully\"}");
        JsonObject task = api.get(path).json();
        assertThat(task.getString("status")).isEqualTo("paused");
        assertThat(task.get("next_run_time")).isEqualTo(JsonValue.NULL);
        assertThat(FIXTURE.changes.scheduled()).anySatisfy(t -> assertThat(t.status().wire()).isEqualTo("paused"));
    }

    @Test
    void pausingAPausedOrEndedTaskIsA409() {
        api.put(path + "/pause");
        assertError(api.put(path + "/pause"), 409, "conflict", null);
        api.put(path + "/cancel");
        assertError(api.put(path + "/pause"), 409, "conflict", null);
    }

    @Test
    void resumeAnswersWithTheFirstOccurrenceAfterNowOnTheTasksGrid() {
        api.put(path + "/pause");
        FIXTURE.clock.set(Instant.parse("2026-04-22T10:01:05Z"));

        ApiClient.Reply reply = api.put(path + "/resume");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo(
                "{\"status\":\"success\",\"message\":\"Task resumed successfully\",\"next_run_time\":\"2026-04-22T10:01:20Z\"}");
        assertThat(api.get(path).json().getString("status")).isEqualTo("pending");
    }

    @Test
    void resumingATaskThatIsNotPausedIsA409() {
        assertError(api.put(path + "/resume"), 409, "conflict", null);
    }

    @Test
    void runAnswers202WithItsOwnExecutionIdAndTheNextRunTimeStays() {
        ApiClient.Reply reply = api.post(path + "/run", "");

        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        JsonObject json = reply.json();
        assertThat(json.getString("status")).isEqualTo("success");
        assertThat(json.getString("message")).isEqualTo("Task run triggered");
        assertThat(TaskId.parse(json.getString("execution_id"))).isPresent();
        assertThat(api.get(path).json().getString("next_run_time")).isEqualTo("2026-04-22T10:00:20Z");
    }

    @Test
    void runWhileARunIsInFlightOrOnAnEndedTaskIsA409() {
        api.post(path + "/run", "");
        assertError(api.post(path + "/run", ""), 409, "conflict", null);
        api.put(path + "/cancel");
        assertError(api.post(path + "/run", ""), 409, "conflict", null);
    }

    @Test
    void aPausedTaskMayRunAndBeModifiedAndIsListedUnderPausedButNotCountedAsRunning() {
        api.put(path + "/pause");

        assertThat(api.post(path + "/run", "").status()).isEqualTo(202);
        assertThat(api.patch(path, "{\"interval_seconds\":60}").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + RestFixture.USER + "/tasks?status=paused").json().getJsonArray("tasks")).hasSize(1);
        assertThat(api.get("/api/v1/users/" + RestFixture.USER + "/tasks/running-count").json().getInt("running_tasks")).isZero();
    }

    @Test
    void anUnknownTaskIsA404() {
        assertError(api.put("/api/v1/tasks/6ba7b810-9dad-41d1-80b4-00c04fd430c8/pause"), 404, "not_found", null);
    }
}
