package com.coze.timer.rest;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.TaskStates;
import com.coze.timer.domain.task.Task;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A user's task list and running count. */
@ServerTest
class UserTasksTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;

    UserTasksTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void threeRunningTasksAndOnePending() {
        FIXTURE.reset();
        for (int minute = 1; minute <= 3; minute++) {
            Task task = aTask().createdAt("2026-04-22T09:0" + minute + ":00Z").build();
            FIXTURE.store.put(TaskStates.firedOnce(task, Instant.parse("2026-04-22T09:59:00Z")));
        }
        FIXTURE.store.put(aTask().createdAt("2026-04-22T09:04:00Z").build());
        FIXTURE.store.put(TaskStates.firedOnce(aTask().ownedBy(RestFixture.OTHER_USER).build(), FIXTURE.clock.instant()));
    }

    @Test
    void listsTheUsersTasksWithTheSeedsFields() {
        ApiClient.Reply reply = api.get("/api/v1/users/1001/tasks");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonObject json = reply.json();
        assertThat(json.getInt("total")).isEqualTo(4);
        assertThat(json.getInt("limit")).isEqualTo(50);
        assertThat(json.getInt("offset")).isZero();
        JsonObject first = json.getJsonArray("tasks").getJsonObject(0);
        assertThat(first.keySet()).contains("task_id", "status", "http_endpoint", "type", "next_run_time", "created_at");
        assertThat(first.getString("status")).isEqualTo("pending");
        assertThat(first.getString("created_at")).isEqualTo("2026-04-22T09:04:00Z");
        assertThat(first.getString("http_endpoint")).isEqualTo("https://api.example.com/execute");
    }

    @Test
    void filtersByStatusAndCountsAllMatches() {
        JsonObject json = api.get("/api/v1/users/1001/tasks?status=running").json();

        assertThat(json.getInt("total")).isEqualTo(3);
        assertThat(json.getJsonArray("tasks")).allSatisfy(task ->
                assertThat(task.asJsonObject().getString("status")).isEqualTo("running"));
        assertThat(api.get("/api/v1/users/1001/tasks?status=stopped").json().getInt("total")).isZero();
    }

    @Test
    void pagesWithLimitAndOffset() {
        JsonObject json = api.get("/api/v1/users/1001/tasks?limit=2&offset=1").json();

        assertThat(json.getInt("total")).isEqualTo(4);
        assertThat(json.getJsonArray("tasks")).hasSize(2);
        assertThat(json.getJsonArray("tasks").getValuesAs(JsonObject.class)).extracting(task -> task.getString("created_at"))
                .containsExactly("2026-04-22T09:03:00Z", "2026-04-22T09:02:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/api/v1/users/1001/tasks?status=sleeping, status",
        "/api/v1/users/1001/tasks?status=RUNNING, status",
        "/api/v1/users/1001/tasks?limit=501, limit",
        "/api/v1/users/1001/tasks?limit=0, limit",
        "/api/v1/users/1001/tasks?limit=ten, limit",
        "/api/v1/users/1001/tasks?offset=-1, offset",
        "/api/v1/users/1001/tasks?offset=1&cursor=MTc3Njg0ODQwMDAwMC41NTBlODQwMC1lMjliLTQxZDQtYTcxNi00NDY2NTU0NDAwMDA, cursor",
        "/api/v1/users/1001/tasks?limit=99999999999, limit",
        "/api/v1/users/abc/tasks, user_id",
        "/api/v1/users/abc/tasks/running-count, user_id"})
    void badQueriesAreA400NamingTheParameter(String path, String field) {
        assertError(api.get(path), 400, "invalid_argument", field);
    }

    @Test
    void theRunningCountHasTheSeedsFields() {
        ApiClient.Reply reply = api.get("/api/v1/users/1001/tasks/running-count");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().toString())
                .isEqualTo("{\"user_id\":1001,\"running_tasks\":3,\"last_updated\":\"2026-04-22T10:00:00Z\"}");
    }

    @Test
    void anEmptyListIsStillAList() {
        JsonObject json = api.as(FIXTURE.adminToken).get("/api/v1/users/777/tasks").json();

        assertThat(json.getJsonArray("tasks")).isEmpty();
        assertThat(json.getInt("total")).isZero();
    }
}
