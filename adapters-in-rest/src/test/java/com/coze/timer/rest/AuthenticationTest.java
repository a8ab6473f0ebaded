package com.coze.timer.rest;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bearer tokens, and a user seeing and changing only its own tasks (an admin: anyone's). */
@ServerTest
class AuthenticationTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private static final String TASK = "550e8400-e29b-41d4-a716-446655440000";

    private final Http1Client client;
    private final ApiClient user;
    private final ApiClient admin;

    AuthenticationTest(Http1Client client) {
        this.client = client;
        this.user = new ApiClient(client, FIXTURE.userToken);
        this.admin = new ApiClient(client, FIXTURE.adminToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void reset() {
        FIXTURE.reset();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST, /api/v1/tasks",
        "GET, /api/v1/tasks/" + TASK,
        "PATCH, /api/v1/tasks/" + TASK,
        "PUT, /api/v1/tasks/" + TASK + "/cancel",
        "DELETE, /api/v1/tasks/" + TASK,
        "GET, /api/v1/tasks/" + TASK + "/executions",
        "GET, /api/v1/users/1001/tasks",
        "GET, /api/v1/users/1001/tasks/running-count"})
    void everyCallWithoutATokenIsA401(String method, String path) {
        ApiClient anonymous = new ApiClient(client, null);
        Method m = Method.create(method);
        ApiClient.Reply reply = m == Method.POST || m == Method.PATCH
                ? anonymous.send(m, path, MediaTypes.APPLICATION_JSON, CreateTaskTest.SEED_REQUEST.getBytes(StandardCharsets.UTF_8))
                : anonymous.call(m, path);

        assertError(reply, 401, "unauthorized", null);
        assertThat(reply.wwwAuthenticate()).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(FIXTURE.store.size()).isZero();
    }

    @Test
    void aWrongTokenIsA401() {
        assertError(user.as("ctk_not-a-token").get("/api/v1/users/1001/tasks"), 401, "unauthorized", null);
        assertError(user.as("ctk_not-a-token").post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST), 401, "unauthorized", null);
        assertThat(FIXTURE.store.size()).isZero();
    }

    @Test
    void aTokenMustComeAsBearer() {
        ApiClient.Reply reply;
        try (Http1ClientResponse response = client.get("/api/v1/users/1001/tasks")
                .header(HeaderNames.AUTHORIZATION, "Basic " + FIXTURE.userToken).request()) {
            reply = ApiClient.Reply.of(response);
        }

        assertError(reply, 401, "unauthorized", null);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        try (Http1ClientResponse response = client.get("/api/v1/users/1001/tasks")
                .header(HeaderNames.AUTHORIZATION, "bearer " + FIXTURE.userToken).request()) {
            assertThat(response.status().code()).isEqualTo(200);
        }
    }

    @Test
    void anAuthenticationErrorComesBeforeBadInput() {
        assertError(user.as(null).post("/api/v1/tasks", "{not json"), 401, "unauthorized", null);
    }

    @Test
    void creatingForAnotherUserIsA403() {
        String request = CreateTaskTest.SEED_REQUEST.replace("1001", "2002");

        assertError(user.post("/api/v1/tasks", request), 403, "forbidden", "user_id");
        assertThat(FIXTURE.store.size()).isZero();
    }

    @Test
    void anotherUsersListAndCountAreA403() {
        assertError(user.get("/api/v1/users/2002/tasks"), 403, "forbidden", "user_id");
        assertError(user.get("/api/v1/users/2002/tasks/running-count"), 403, "forbidden", "user_id");
    }

    @Test
    void anotherUsersTaskIsA404ForEveryCall() {
        Task theirs = FIXTURE.store.put(aTask().ownedBy(RestFixture.OTHER_USER).build());
        String path = "/api/v1/tasks/" + theirs.id();

        assertError(user.get(path), 404, "not_found", null);
        assertError(user.patch(path, "{\"interval_seconds\":5}"), 404, "not_found", null);
        assertError(user.put(path + "/cancel"), 404, "not_found", null);
        assertError(user.get(path + "/executions"), 404, "not_found", null);
        assertError(user.delete(path), 404, "not_found", null);

        assertThat(FIXTURE.store.find(theirs.id())).contains(theirs);
    }

    @Test
    void anotherUsersTaskLooksExactlyLikeAMissingOne() {
        Task theirs = FIXTURE.store.put(aTask().ownedBy(RestFixture.OTHER_USER).build());
        String missing = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";

        String theirsMessage = user.get("/api/v1/tasks/" + theirs.id()).json().getString("message");
        String missingMessage = user.get("/api/v1/tasks/" + missing).json().getString("message");

        assertThat(theirsMessage.replace(theirs.id().toString(), "ID")).isEqualTo(missingMessage.replace(missing, "ID"));
    }

    @Test
    void anAdminActsForAnyUser() {
        ApiClient.Reply created = admin.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST.replace("1001", "2002"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String path = "/api/v1/tasks/" + created.string("task_id");

        assertThat(admin.get(path).json().getInt("user_id")).isEqualTo(2002);
        assertThat(admin.get("/api/v1/users/2002/tasks").json().getInt("total")).isEqualTo(1);
        assertThat(admin.get("/api/v1/users/2002/tasks/running-count").json().getInt("running_tasks")).isZero();
        assertThat(admin.patch(path, "{\"interval_seconds\":60}").status()).isEqualTo(200);
        assertThat(admin.put(path + "/cancel").status()).isEqualTo(200);
        assertThat(FIXTURE.store.all().getFirst().status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(admin.delete(path).status()).isEqualTo(200);
        assertThat(FIXTURE.store.size()).isZero();
    }

    @Test
    void theOwnerCanUseItsOwnTask() {
        Task mine = FIXTURE.store.put(aTask().ownedBy(RestFixture.USER).build());

        assertThat(user.get("/api/v1/tasks/" + mine.id()).status()).isEqualTo(200);
        assertThat(user.as(FIXTURE.otherToken).get("/api/v1/tasks/" + mine.id()).status()).isEqualTo(404);
    }
}
