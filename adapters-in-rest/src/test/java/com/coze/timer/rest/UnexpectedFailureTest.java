package com.coze.timer.rest;

import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.in.GetTask;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A failure inside a use case (a broken database, say) is a 500 that gives nothing away. */
@ServerTest
class UnexpectedFailureTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;

    UnexpectedFailureTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        UseCases real = FIXTURE.useCases();
        GetTask broken = (caller, taskId) -> {
            throw new IllegalStateException("connection refused: jdbc:mysql://db:3306/timer?password=hunter2");
        };
        RestApi.routing(routing, real.withGetTask(broken), RestConfig.DEFAULT);
    }

    @Test
    void anUnexpectedExceptionIsAJson500WithoutDetails() {
        JsonObject error = assertError(api.get("/api/v1/tasks/550e8400-e29b-41d4-a716-446655440000"), 500, "internal", null);

        assertThat(error.getString("message")).isEqualTo("internal error");
        assertThat(error.toString()).doesNotContain("hunter2", "jdbc");
    }

    @Test
    void theServiceGoesOnAfterAFailure() {
        api.get("/api/v1/tasks/550e8400-e29b-41d4-a716-446655440000");

        assertThat(api.get("/api/v1/users/1001/tasks").status()).isEqualTo(200);
    }
}
