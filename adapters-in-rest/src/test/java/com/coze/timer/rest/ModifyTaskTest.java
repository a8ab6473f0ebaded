package com.coze.timer.rest;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.TaskStates;
import com.coze.timer.domain.task.Task;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PATCH of a task: the answer is the task as GET shows it. */
@ServerTest
class ModifyTaskTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;
    private Task task;
    private String path;

    ModifyTaskTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void aTaskEveryTwentySeconds() {
        FIXTURE.reset();
        task = FIXTURE.store.put(aTask().interval(20).header("Authorization", "Bearer secret-1").body("{\"data\":\"example\"}")
                .createdAt("2026-04-22T10:00:00Z").build());
        path = "/api/v1/tasks/" + task.id();
        FIXTURE.clock.advance(Duration.ofMinutes(5));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"stop_condition\":{\"/a\":\"%s\"}}|stop_condition",
        "{\"type\":\"cron\",\"cron_expression\":\"0 0 12 * * ?%s\"}|cron_expression",
        "{\"start_time\":\"+10000-01-01T00:00:00Z\"}|start_time",
        "{\"start_time\":\"-0001-01-01T00:00:00Z\"}|start_time",
        "{\"http_endpoint\":\"http://[64:ff9b::a9fe:a9fe]/\"}|http_endpoint",
        "{\"http_endpoint\":\"https://api.example.com:70000/\"}|http_endpoint",
        "{\"headers\":{\"X-Big\":\"%s\"}}|headers"})
    void aPatchBeyondAColumnOrIntoAForbiddenTargetIsA400NamingTheField(String template, String field) {
        String body = template.replace("%s", " ".repeat(70_000));

        assertError(api.patch(path, body), 400, "invalid_argument", field);

        assertThat(FIXTURE.store.find(task.id())).hasValue(task);
    }

    @Test
    void aNewIntervalRecomputesTheNextRunTime() {
        ApiClient.Reply reply = api.patch(path, "{\"interval_seconds\":60}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonObject json = reply.json();
        assertThat(json.getString("task_id")).isEqualTo(task.id().toString());
        assertThat(json.getInt("interval_seconds")).isEqualTo(60);
        assertThat(json.getString("next_run_time")).isEqualTo("2026-04-22T10:06:00Z");
        assertThat(json.getString("updated_at")).isEqualTo("2026-04-22T10:05:00Z");
        assertThat(json.containsKey("last_execution")).isTrue();
        assertThat(FIXTURE.changes.scheduled()).hasSize(1);
    }

    @Test
    void theCallbackChangesWithoutMovingTheNextRunTime() {
        ApiClient.Reply reply = api.patch(path, """
                {"http_endpoint":"https://hooks.example.org/v2","method":"PUT","headers":{"X-Api-Key":"k-2"},
                 "stop_condition":{"max_cnt":10,"/data/done":true}}""");

        JsonObject json = reply.json();
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(json.getString("http_endpoint")).isEqualTo("https://hooks.example.org/v2");
        assertThat(json.getString("method")).isEqualTo("PUT");
        assertThat(json.getJsonObject("headers").toString()).isEqualTo("{\"X-Api-Key\":\"******\"}");
        assertThat(json.getJsonObject("stop_condition").toString()).isEqualTo("{\"max_cnt\":10,\"/data/done\":true}");
        assertThat(json.getString("next_run_time")).isEqualTo("2026-04-22T10:00:20Z");
    }

    @Test
    void aNullBodyRemovesTheBodyAndNullHeadersRemoveTheHeaders() {
        JsonObject json = api.patch(path, "{\"body\":null,\"headers\":null,\"stop_condition\":null}").json();

        assertThat(json.get("body")).isEqualTo(JsonValue.NULL);
        assertThat(json.getJsonObject("headers")).isEmpty();
        assertThat(json.get("stop_condition")).isEqualTo(JsonValue.NULL);
        assertThat(FIXTURE.store.find(task.id()).orElseThrow().callback().body()).isEmpty();
    }

    @Test
    void theTypeCanChange() {
        JsonObject json = api.patch(path, "{\"type\":\"cron\",\"cron_expression\":\"0 0 12 * * ?\",\"time_zone\":\"UTC\"}").json();

        assertThat(json.getString("type")).isEqualTo("cron");
        assertThat(json.getString("next_run_time")).isEqualTo("2026-04-22T12:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"user_id\":2002}                          | user_id",
        "{\"colour\":\"blue\"}                       | colour",
        "{\"interval_seconds\":0}                    | interval_seconds",
        "{\"interval_seconds\":\"60\"}               | interval_seconds",
        "{\"cron_expression\":\"0 0 12 * * ?\"}      | cron_expression",
        "{\"type\":\"hourly\"}                       | type",
        "{\"type\":null}                             | type",
        "{\"http_endpoint\":null}                    | http_endpoint",
        "{\"http_endpoint\":\"http://127.0.0.1/x\"}  | http_endpoint",
        "{\"http_endpoint\":\"file:///etc/passwd\"}  | http_endpoint",
        "{\"method\":\"CONNECT\"}                    | method",
        "{\"start_time\":\"soon\"}                   | start_time",
        "{\"stop_condition\":{\"max_cnt\":-1}}       | stop_condition.max_cnt",
        "{\"headers\":{\"X-A\":[1]}}                 | headers.X-A",
        "{\"headers\":{\"X-A\":\"caf\u00e9\"}}          | headers.X-A",
        "{\"headers\":{\"X-A\":\"bell\\u0007\"}}        | headers.X-A",
        "{\"retry\":{\"max_retries\":11}}        | retry.max_retries",
        "{\"retry\":{\"max_backoff_ms\":200}}    | retry.max_backoff_ms",
        "{\"retry\":null}                        | retry",
        "{\"timeout_ms\":null}                   | timeout_ms",
        "{\"timeout_ms\":100}                    | timeout_ms"})
    void aBadPatchIsA400AndChangesNothing(String body, String field) {
        assertError(api.patch(path, body), 400, "invalid_argument", field);

        assertThat(FIXTURE.store.find(task.id())).contains(task);
        assertThat(FIXTURE.changes.scheduled()).isEmpty();
    }

    @Test
    void retryAndTimeoutChangeFieldByFieldAndShowInTheAnswer() {
        JsonObject first = api.patch(path, "{\"retry\":{\"max_retries\":1,\"backoff_ms\":500},\"timeout_ms\":5000}").json();
        JsonObject second = api.patch(path, "{\"retry\":{\"max_retries\":0}}").json();

        assertThat(first.getJsonObject("retry").toString()).isEqualTo("{\"max_retries\":1,\"backoff_ms\":500,\"max_backoff_ms\":30000}");
        assertThat(first.getInt("timeout_ms")).isEqualTo(5000);
        assertThat(second.getJsonObject("retry").toString()).isEqualTo("{\"max_retries\":0,\"backoff_ms\":500,\"max_backoff_ms\":30000}");
        assertThat(second.getInt("timeout_ms")).isEqualTo(5000);
        assertThat(api.get(path).json().getJsonObject("retry").getInt("max_retries")).isZero();
    }

    @Test
    void aPatchMustBeAJsonObject() {
        assertError(api.patch(path, "[]"), 400, "invalid_argument", null);
        assertError(api.patch(path, "{\"interval_seconds\":"), 400, "invalid_argument", null);
        assertError(api.send(Method.PATCH, path, MediaTypes.TEXT_PLAIN, "{}".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type", null);
        assertThat(FIXTURE.store.find(task.id())).contains(task);
    }

    @Test
    void anEndedTaskCannotBeModified() {
        FIXTURE.store.put(TaskStates.stopped(task, FIXTURE.clock.instant()));

        assertError(api.patch(path, "{\"interval_seconds\":60}"), 409, "conflict", null);
    }

    @Test
    void anUnknownTaskIsA404() {
        assertError(api.patch("/api/v1/tasks/6ba7b810-9dad-41d1-80b4-00c04fd430c8", "{\"interval_seconds\":60}"),
                404, "not_found", null);
    }
}
