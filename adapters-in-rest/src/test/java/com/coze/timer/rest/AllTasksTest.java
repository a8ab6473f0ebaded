package com.coze.timer.rest;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.TaskStates;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.task.Task;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin listing of every user's tasks, {@code GET /api/v1/tasks}, and {@code GET /api/v1/me}. */
@ServerTest
class AllTasksTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient admin;

    AllTasksTest(Http1Client client) {
        this.admin = new ApiClient(client, FIXTURE.adminToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void tasksOfTwoUsers() {
        FIXTURE.reset();
        FIXTURE.store.put(aTask().createdAt("2026-04-22T09:01:00Z").build());
        FIXTURE.store.put(TaskStates.firedOnce(aTask().createdAt("2026-04-22T09:02:00Z").build(), FIXTURE.clock.instant()));
        FIXTURE.store.put(aTask().ownedBy(RestFixture.OTHER_USER).createdAt("2026-04-22T09:03:00Z").build());
    }

    @Test
    void anAdminListsEveryUsersTasksNewestFirstInTheUserListingsShape() {
        JsonObject json = admin.get("/api/v1/tasks").json();

        assertThat(json.getInt("total")).isEqualTo(3);
        assertThat(json.getJsonArray("tasks").getValuesAs(JsonObject.class)).extracting(task -> task.getJsonNumber("user_id").longValue())
                .containsExactly(RestFixture.OTHER_USER, RestFixture.USER, RestFixture.USER);
        JsonObject mine = admin.get("/api/v1/users/1001/tasks").json().getJsonArray("tasks").getJsonObject(0);
        assertThat(json.getJsonArray("tasks").getJsonObject(1)).isEqualTo(mine);
        assertThat(json.keySet()).containsExactlyInAnyOrder("tasks", "total", "limit", "offset", "next_cursor");
    }

    @Test
    void filtersByUserAndStatus() {
        JsonObject json = admin.get("/api/v1/tasks?user_id=1001&status=running").json();

        assertThat(json.getInt("total")).isEqualTo(1);
        assertThat(json.getJsonArray("tasks").getJsonObject(0).getString("created_at")).isEqualTo("2026-04-22T09:02:00Z");
    }

    @Test
    void theNextCursorWalksThroughEveryTaskOnce() {
        List<String> seen = new ArrayList<>();
        String path = "/api/v1/tasks?limit=2";
        for (int page = 0; page < 2; page++) {
            JsonObject json = admin.get(path).json();
            json.getJsonArray("tasks").getValuesAs(JsonObject.class).forEach(task -> seen.add(task.getString("created_at")));
            path = json.isNull("next_cursor") ? null : "/api/v1/tasks?limit=2&cursor=" + json.getString("next_cursor");
        }

        assertThat(seen).containsExactly("2026-04-22T09:03:00Z", "2026-04-22T09:02:00Z", "2026-04-22T09:01:00Z");
        assertThat(path).isNull();
    }

    @Test
    void eachTaskShowsItsLatestExecutionWithoutTheResponseBody() {
        Task task = FIXTURE.store.put(aTask().createdAt("2026-04-22T09:04:00Z").build());
        FIXTURE.log.append(TaskLifecycleTest.record(task, "2026-04-22T10:00:20Z", 500, ExecutionOutcome.FAILURE, "HTTP 500"));
        FIXTURE.log.append(TaskLifecycleTest.record(task, "2026-04-22T10:00:40Z", 503, ExecutionOutcome.FAILURE, "HTTP 503"));

        List<JsonObject> tasks = admin.get("/api/v1/tasks").json().getJsonArray("tasks").getValuesAs(JsonObject.class);

        JsonObject last = tasks.getFirst().getJsonObject("last_execution");
        assertThat(last.getInt("http_status")).isEqualTo(503);
        assertThat(last.getString("outcome")).isEqualTo("failure");
        assertThat(last.containsKey("response_body")).isFalse();
        assertThat(tasks.get(1).isNull("last_execution")).isTrue();
    }

    @Test
    void aTokenSaysWhomItActsFor() {
        assertThat(admin.as(FIXTURE.userToken).get("/api/v1/me").json().toString()).isEqualTo("{\"user_id\":1001,\"admin\":false}");
        assertThat(admin.get("/api/v1/me").json().getBoolean("admin")).isTrue();
        assertError(admin.as("nope").get("/api/v1/me"), 401, "unauthorized", null);
    }

    @Test
    void anyTokenSeesTheMembersAndTheirSlots() {
        JsonObject cluster = admin.as(FIXTURE.userToken).get("/api/v1/cluster").json();

        assertThat(cluster.getString("mode")).isEqualTo("embedded");
        assertThat(cluster.getInt("slot_count")).isEqualTo(1024);
        assertThat(cluster.getJsonArray("members").getValuesAs(JsonObject.class)).singleElement().satisfies(member -> {
            assertThat(member.getString("member_id")).isEqualTo(cluster.getString("self"));
            assertThat(member.getInt("slots")).isEqualTo(1024);
            assertThat(member.getBoolean("self")).isTrue();
        });
        assertError(admin.as("nope").get("/api/v1/cluster"), 401, "unauthorized", null);
    }

    @Test
    void aUserTokenIsForbidden() {
        assertError(admin.as(FIXTURE.userToken).get("/api/v1/tasks"), 403, "forbidden", null);
        assertError(admin.as(FIXTURE.userToken).get("/api/v1/tasks?user_id=1001"), 403, "forbidden", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/api/v1/tasks?user_id=x, user_id",
        "/api/v1/tasks?status=sleeping, status",
        "/api/v1/tasks?cursor=bm90LWEtY3Vyc29y, cursor",
        "/api/v1/tasks?cursor=MTIzNDU, cursor",
        "/api/v1/tasks?limit=0, limit"})
    void badQueriesAreA400NamingTheParameter(String path, String field) {
        assertError(admin.get(path), 400, "invalid_argument", field);
    }
}
