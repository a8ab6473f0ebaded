package com.coze.timer.rest;

import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Routes outside the API's calls answer JSON too. */
@ServerTest
class RoutingTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;

    RoutingTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /api",
        "GET, /api/v2/tasks",
        "GET, /api/v1/nothing/here",
        "GET, /api/v1/users/1001",
        "GET, /api/v1/tasks/550e8400-e29b-41d4-a716-446655440000/nothing"})
    void anUnknownRouteUnderTheApiIsAJson404(String method, String path) {
        assertError(api.call(Method.create(method), path), 404, "not_found", null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "PUT    | /api/v1/tasks                                                   | GET, POST",
        "PUT    | /api/v1/tasks/                                                  | GET, POST",
        "POST   | /api/v1/me                                                      | GET",
        "POST   | /api/v1/tasks/550e8400-e29b-41d4-a716-446655440000/pause        | PUT",
        "GET    | /api/v1/tasks/550e8400-e29b-41d4-a716-446655440000/resume       | PUT",
        "PUT    | /api/v1/tasks/550e8400-e29b-41d4-a716-446655440000/run          | POST",
        "POST   | /api/v1/tokens                                                  | GET",
        "GET    | /api/v1/tokens/7                                                | DELETE",
        "DELETE | /api/v1/users/1001/tokens                                       | GET",
        "POST   | /api/v1/tasks/550e8400-e29b-41d4-a716-446655440000              | GET, PATCH, DELETE",
        "GET    | /api/v1/tasks/550e8400-e29b-41d4-a716-446655440000/cancel       | PUT",
        "DELETE | /api/v1/tasks/550e8400-e29b-41d4-a716-446655440000/executions   | GET",
        "DELETE | /api/v1/users/1001/tasks                                        | GET",
        "POST   | /api/v1/users/1001/tasks/running-count                          | GET"})
    void aWrongMethodOnAKnownPathIsAJson405NamingTheAllowedOnes(String method, String path, String allow) {
        ApiClient.Reply reply = api.call(Method.create(method), path);
        assertError(reply, 405, "method_not_allowed", null);
        assertThat(reply.allow()).hasValue(allow);
        assertThat(reply.text()).contains(method + " is not served on");
    }

    @Test
    void theListOfTasksIsReachableWithOrWithoutATrailingSlash() {
        assertThat(api.post("/api/v1/tasks/", CreateTaskTest.SEED_REQUEST).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/tasks", CreateTaskTest.SEED_REQUEST).status()).isEqualTo(201);
    }
}
