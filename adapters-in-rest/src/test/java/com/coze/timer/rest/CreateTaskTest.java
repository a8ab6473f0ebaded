package com.coze.timer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ServerTest
class CreateTaskTest {

    /** The seed's create request, as existing clients send it. */
    static final String SEED_REQUEST = """
            {
              "user_id": 1001,
              "type": "interval",
              "http_endpoint": "https://api.example.com/execute",
              "method": "POST",
              "headers": {"Authorization": "Bearer {service_token}"},
              "body": {"data": "example"},
              "interval_seconds": 20,
              "stop_condition": {"max_cnt": 300, "finsh": true}
            }""";

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient api;
    private final ApiClient other;

    CreateTaskTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
        this.other = new ApiClient(client, FIXTURE.otherToken);
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
    void theSeedsRequestCreatesATaskAndAnswersWithItsIdAndNextRunTime() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", SEED_REQUEST);

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.contentType()).hasValue("application/json; charset=utf-8");
        JsonObject json = reply.json();
        assertThat(json.keySet()).containsExactlyInAnyOrder("status", "task_id", "next_run_time", "signing_secret");
        assertThat(json.getString("signing_secret")).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(json.getString("status")).isEqualTo("success");
        assertThat(json.getString("task_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(json.getString("next_run_time")).isEqualTo("2026-04-22T10:00:20Z");

        Task stored = FIXTURE.store.all().getFirst();
        assertThat(stored.id().toString()).isEqualTo(json.getString("task_id"));
        assertThat(stored.userId()).isEqualTo(1001);
        assertThat(stored.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(stored.callback().headers()).containsExactly(Map.entry("Authorization", "Bearer {service_token}"));
        assertThat(stored.callback().body()).contains("{\"data\":\"example\"}");
        assertThat(stored.stopCondition().maxCount()).contains(300L);
        assertThat(stored.stopCondition().fieldMatches()).singleElement()
                .satisfies(match -> assertThat(match.key()).isEqualTo("finsh"))
                .satisfies(match -> assertThat(match.expectedJson()).isEqualTo("true"));
        assertThat(FIXTURE.changes.scheduled()).containsExactly(stored);
    }

    @Test
    void theMethodDefaultsToPostAndHeadersBodyAndStopConditionAreOptional() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"once","http_endpoint":"https://api.example.com/once"}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        Task stored = FIXTURE.store.all().getFirst();
        assertThat(stored.callback().method()).isEqualTo(HttpMethod.POST);
        assertThat(stored.callback().body()).isEmpty();
        assertThat(stored.stopCondition().isEmpty()).isTrue();
        assertThat(reply.string("next_run_time")).as("a once task without start_time fires now").isEqualTo("2026-04-22T10:00:00Z");
    }

    @Test
    void aOnceTaskFiresAtItsStartTime() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"once","http_endpoint":"https://api.example.com/x","method":"get",
                 "start_time":"2026-04-22T18:30:00+08:00"}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.string("next_run_time")).isEqualTo("2026-04-22T10:30:00Z");
        assertThat(FIXTURE.store.all().getFirst().callback().method()).isEqualTo(HttpMethod.GET);
    }

    @Test
    void aCronTaskFiresAtTheNextMatchInItsTimeZone() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"cron","http_endpoint":"https://api.example.com/x",
                 "cron_expression":"0 0 12 * * ?","time_zone":"Asia/Shanghai"}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.string("next_run_time")).isEqualTo("2026-04-23T04:00:00Z");
        assertThat(FIXTURE.store.all().getFirst().schedule().type()).isEqualTo(ScheduleType.CRON);
    }

    @Test
    void timesCarryMillisecondsOnlyWhenThereAreSome() {
        FIXTURE.clock.set(Instant.parse("2026-04-22T10:00:00.123456Z"));

        ApiClient.Reply reply = api.post("/api/v1/tasks", SEED_REQUEST);

        assertThat(reply.string("next_run_time")).isEqualTo("2026-04-22T10:00:20.123Z");
    }

    @Test
    void anyJsonIsABodyAndNestedStopFieldsArePointers() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"interval","interval_seconds":5,"http_endpoint":"https://api.example.com/x",
                 "body":[1,"two",{"three":3.0}],"stop_condition":{"/data/done":true,"state":{"b":1,"a":[2]}}}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        Task stored = FIXTURE.store.all().getFirst();
        assertThat(stored.callback().body()).contains("[1,\"two\",{\"three\":3.0}]");
        assertThat(stored.stopCondition().fieldMatches())
                .extracting(match -> match.key() + "=" + match.expectedJson())
                .containsExactly("/data/done=true", "state={\"a\":[2],\"b\":1}");
    }

    @Test
    void aBodyJustUnderTheLimitIsAccepted() {
        String filler = "x".repeat(1000 * 1024);
        ApiClient.Reply reply = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"once","http_endpoint":"https://api.example.com/x","body":"%s"}""".formatted(filler));

        assertThat(reply.status()).as(reply.text().substring(0, Math.min(200, reply.text().length()))).isEqualTo(201);
    }

    @Test
    void nullOptionalFieldsReadAsAbsent() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"interval","interval_seconds":20,"http_endpoint":"https://api.example.com/x",
                 "method":null,"headers":null,"body":null,"cron_expression":null,"time_zone":null,"start_time":null,
                 "stop_condition":null}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(FIXTURE.store.all().getFirst().callback().body()).isEqualTo(Optional.empty());
    }

    @Test
    void aHugeNumberInAStopConditionIsKeptWithoutBeingWrittenOut() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"once","http_endpoint":"https://api.example.com/x","stop_condition":{"n":1e999999999}}""");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(FIXTURE.store.all().getFirst().stopCondition().fieldMatches().getFirst().expectedJson()).isEqualTo("1E+999999999");
    }

    @Test
    void retryAndTimeoutDefaultToTheServiceSettingsAndShowInGet() {
        String chosen = api.post("/api/v1/tasks", """
                {"user_id":1001,"type":"once","http_endpoint":"https://api.example.com/x",
                 "retry":{"max_retries":2},"timeout_ms":60000}""").json().getString("task_id");
        String plain = api.post("/api/v1/tasks", SEED_REQUEST).json().getString("task_id");

        JsonObject shown = api.get("/api/v1/tasks/" + chosen).json();
        assertThat(shown.getJsonObject("retry").toString()).isEqualTo("{\"max_retries\":2,\"backoff_ms\":1000,\"max_backoff_ms\":30000}");
        assertThat(shown.getInt("timeout_ms")).isEqualTo(60000);
        JsonObject defaults = api.get("/api/v1/tasks/" + plain).json();
        assertThat(defaults.getJsonObject("retry").toString()).isEqualTo("{\"max_retries\":3,\"backoff_ms\":1000,\"max_backoff_ms\":30000}");
        assertThat(defaults.getInt("timeout_ms")).isEqualTo(30000);
    }

    @Test
    void theSigningSecretShowsOnlyInTheCreateAndRotateAnswers() {
        ApiClient.Reply created = api.post("/api/v1/tasks", SEED_REQUEST);
        String id = created.json().getString("task_id");
        String first = created.json().getString("signing_secret");

        ApiClient.Reply rotated = api.post("/api/v1/tasks/" + id + "/signing-secret", "");
        String second = rotated.json().getString("signing_secret");

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(api.get("/api/v1/tasks/" + id).text()).doesNotContain(first).doesNotContain(second).doesNotContain("whsec_");
        assertThat(api.get("/api/v1/users/1001/tasks").text()).doesNotContain("whsec_");
        assertThat(FIXTURE.store.all().getFirst().callback().signing().secretsAt(FIXTURE.clock.instant()))
                .containsExactly(second, first);
        assertThat(other.post("/api/v1/tasks/" + id + "/signing-secret", "").status()).isEqualTo(404);
    }
}
