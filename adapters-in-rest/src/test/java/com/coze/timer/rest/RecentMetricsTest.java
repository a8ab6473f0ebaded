package com.coze.timer.rest;

import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/metrics/recent}: this instance's fires per second and lateness quantiles, step by step. */
@ServerTest
class RecentMetricsTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private final ApiClient user;

    RecentMetricsTest(Http1Client client) {
        this.user = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @Test
    void anyTokenReadsTheStepsOfTheLastMinutes() {
        FIXTURE.recentMetrics.sample();
        FIXTURE.clock.advance(Duration.ofSeconds(5));
        FIXTURE.fires.fire(3, 8);
        FIXTURE.fires.fire(40, 2);
        FIXTURE.recentMetrics.sample();
        FIXTURE.clock.advance(Duration.ofSeconds(5));
        FIXTURE.recentMetrics.sample();

        JsonObject json = user.get("/api/v1/metrics/recent").json();

        assertThat(json.getInt("step_seconds")).isEqualTo(5);
        assertThat(json.getInt("window_seconds")).isEqualTo(900);
        assertThat(json.getJsonArray("steps")).hasSize(2);
        JsonObject busy = json.getJsonArray("steps").getJsonObject(0);
        assertThat(busy.toString()).isEqualTo("{\"at\":\"2026-04-22T10:00:05Z\",\"fires_per_second\":2.0,"
                + "\"lateness_p50_ms\":3.5,\"lateness_p99_ms\":48.0}");
        JsonObject quiet = json.getJsonArray("steps").getJsonObject(1);
        assertThat(quiet.getJsonNumber("fires_per_second").doubleValue()).isZero();
        assertThat(quiet.get("lateness_p50_ms")).isEqualTo(JsonValue.NULL);
        assertThat(quiet.get("lateness_p99_ms")).isEqualTo(JsonValue.NULL);
        assertThat(json.getJsonObject("last_minute").getJsonNumber("fires_per_second").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void aFreshInstanceHasNoStepsAndNoLastMinute() {
        RestFixture fresh = new RestFixture();
        fresh.recentMetrics.sample();

        assertThat(RecentMetricsJson.of(fresh.recentMetrics.recent()).toString())
                .isEqualTo("{\"step_seconds\":5,\"window_seconds\":900,\"steps\":[]}");
    }

    @Test
    void aBadTokenIsRefused() {
        assertError(user.as("nope").get("/api/v1/metrics/recent"), 401, "unauthorized", null);
    }
}
