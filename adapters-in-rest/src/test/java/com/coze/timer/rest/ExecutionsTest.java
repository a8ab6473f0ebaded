package com.coze.timer.rest;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.rest.ErrorAssertions.assertError;
import static com.coze.timer.rest.TaskLifecycleTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/v1/tasks/{task_id}/executions}: the history, newest first, a page at a time. */
@ServerTest
class ExecutionsTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;
    private String path;
    private final List<ExecutionRecord> records = new ArrayList<>();

    ExecutionsTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void fiveExecutions() {
        FIXTURE.reset();
        Task task = FIXTURE.store.put(aTask().build());
        path = "/api/v1/tasks/" + task.id() + "/executions";
        for (int second = 20; second < 30; second += 2) {
            boolean ok = second != 24;
            records.add(FIXTURE.log.append(record(task, "2026-04-22T10:00:" + second + "Z", ok ? 200 : 503,
                    ok ? ExecutionOutcome.SUCCESS : ExecutionOutcome.FAILURE, ok ? null : "HTTP 503 after 4 attempts")));
        }
    }

    @Test
    void listsNewestFirstWithEveryField() {
        ApiClient.Reply reply = api.get(path);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonObject json = reply.json();
        assertThat(json.getJsonArray("executions")).hasSize(5);
        assertThat(json.get("next_before")).isEqualTo(JsonValue.NULL);
        JsonObject newest = json.getJsonArray("executions").getJsonObject(0);
        assertThat(newest.keySet()).containsExactlyInAnyOrder("execution_id", "log_id", "scheduled_time", "started_at",
                "duration_ms", "http_status", "response_body", "attempts", "outcome", "error", "redrive");
        assertThat(newest.getString("scheduled_time")).isEqualTo("2026-04-22T10:00:28Z");
        assertThat(newest.getString("started_at")).isEqualTo("2026-04-22T10:00:28.015Z");
        assertThat(newest.getInt("log_id")).isEqualTo((int) records.getLast().logId());
        JsonObject failed = json.getJsonArray("executions").getJsonObject(2);
        assertThat(failed.getInt("http_status")).isEqualTo(503);
        assertThat(failed.getString("outcome")).isEqualTo("failure");
        assertThat(failed.getString("error")).isEqualTo("HTTP 503 after 4 attempts");
    }

    @Test
    void pagesBackwardsWithBefore() {
        JsonObject first = api.get(path + "?limit=2").json();
        long nextBefore = first.getJsonNumber("next_before").longValue();
        JsonObject second = api.get(path + "?limit=2&before=" + nextBefore).json();
        JsonObject third = api.get(path + "?limit=2&before=" + second.getJsonNumber("next_before").longValue()).json();

        assertThat(logIds(first)).containsExactly(records.get(4).logId(), records.get(3).logId());
        assertThat(logIds(second)).containsExactly(records.get(2).logId(), records.get(1).logId());
        assertThat(logIds(third)).containsExactly(records.get(0).logId());
        assertThat(third.get("next_before")).isEqualTo(JsonValue.NULL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"?limit=0, limit", "?limit=501, limit", "?limit=x, limit", "?before=yesterday, before"})
    void badPagingIsA400(String query, String field) {
        assertError(api.get(path + query), 400, "invalid_argument", field);
    }

    @Test
    void anUnknownTaskHasNoHistory() {
        assertError(api.get("/api/v1/tasks/6ba7b810-9dad-41d1-80b4-00c04fd430c8/executions"), 404, "not_found", null);
    }

    private static List<Long> logIds(JsonObject page) {
        return page.getJsonArray("executions").getValuesAs(JsonObject.class).stream()
                .map(execution -> execution.getJsonNumber("log_id").longValue()).toList();
    }
}
