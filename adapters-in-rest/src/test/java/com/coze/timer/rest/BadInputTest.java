package com.coze.timer.rest;

import static com.coze.timer.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.TaskBuilder;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad create request: a 4xx naming the field, nothing stored, the service still up. */
@ServerTest
class BadInputTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private static final String VALID = """
            "user_id":1001,"type":"interval","interval_seconds":20,"http_endpoint":"https://api.example.com/x\"""";

    private final ApiClient api;

    BadInputTest(Http1Client client) {
        this.api = new ApiClient(client, FIXTURE.userToken);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        FIXTURE.routing(routing);
    }

    @BeforeEach
    void reset() {
        FIXTURE.reset();
    }

    @AfterEach
    void nothingWasStoredAndTheServiceStillWorks() {
        assertThat(FIXTURE.store.size()).isZero();
        assertThat(FIXTURE.changes.scheduled()).isEmpty();
        assertThat(api.post("/api/v1/tasks", "{" + VALID + "}").status()).isEqualTo(201);
        FIXTURE.reset();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("malformed JSON", "{\"user_id\": 1001,", null),
                bad("trailing garbage", "{" + VALID + "} {}", null),
                bad("a JSON array", "[{" + VALID + "}]", null),
                bad("a JSON scalar", "\"task\"", null),
                bad("an empty body", "", null),
                bad("a number of 5000 digits", "{" + VALID + ",\"stop_condition\":{\"n\":" + "9".repeat(5000) + "}}", null),
                bad("a duplicate key", "{" + VALID + ",\"user_id\":1001}", null),
                bad("a string user_id", "{\"user_id\":\"1001\",\"type\":\"once\",\"http_endpoint\":\"https://a.example.com/\"}", "user_id"),
                bad("a fractional user_id", "{\"user_id\":10.5,\"type\":\"once\",\"http_endpoint\":\"https://a.example.com/\"}", "user_id"),
                bad("a negative user_id", "{\"user_id\":-1,\"type\":\"once\",\"http_endpoint\":\"https://a.example.com/\"}", "user_id"),
                bad("a huge user_id", "{\"user_id\":1e400,\"type\":\"once\",\"http_endpoint\":\"https://a.example.com/\"}", "user_id"),
                bad("no user_id", "{\"type\":\"once\",\"http_endpoint\":\"https://a.example.com/\"}", "user_id"),
                bad("a string interval_seconds", body("\"type\":\"interval\",\"interval_seconds\":\"20\""), "interval_seconds"),
                bad("no type", body("\"interval_seconds\":20"), "type"),
                bad("an unknown type", body("\"type\":\"weekly\""), "type"),
                bad("a numeric type", body("\"type\":1"), "type"),
                bad("interval_seconds 0", body("\"type\":\"interval\",\"interval_seconds\":0"), "interval_seconds"),
                bad("a negative interval_seconds", body("\"type\":\"interval\",\"interval_seconds\":-20"), "interval_seconds"),
                bad("no interval_seconds", body("\"type\":\"interval\""), "interval_seconds"),
                bad("interval_seconds on a once task", body("\"type\":\"once\",\"interval_seconds\":20"), "interval_seconds"),
                bad("a cron_expression on an interval task",
                        body("\"type\":\"interval\",\"interval_seconds\":5,\"cron_expression\":\"0 0 12 * * ?\""), "cron_expression"),
                bad("an invalid cron", body("\"type\":\"cron\",\"cron_expression\":\"every day at noon\""), "cron_expression"),
                bad("a five-field cron out of range", body("\"type\":\"cron\",\"cron_expression\":\"0 24 * * *\""), "cron_expression"),
                bad("no cron_expression", body("\"type\":\"cron\""), "cron_expression"),
                bad("an unknown time zone",
                        body("\"type\":\"cron\",\"cron_expression\":\"0 0 12 * * ?\",\"time_zone\":\"Mars/Olympus_Mons\""), "time_zone"),
                bad("a malformed start_time", body("\"type\":\"once\",\"start_time\":\"tomorrow at ten\""), "start_time"),
                bad("a numeric start_time", body("\"type\":\"once\",\"start_time\":1776852000"), "start_time"),
                bad("a date without time", body("\"type\":\"once\",\"start_time\":\"2026-04-22\""), "start_time"),
                bad("an ftp endpoint", endpoint("ftp://files.example.com/x"), "http_endpoint"),
                bad("a javascript endpoint", endpoint("javascript:alert(1)"), "http_endpoint"),
                bad("a malformed endpoint", endpoint("https://exa mple.com/x"), "http_endpoint"),
                bad("an endpoint without host", endpoint("http:///path"), "http_endpoint"),
                bad("a relative endpoint", endpoint("/execute"), "http_endpoint"),
                bad("credentials in the endpoint", endpoint("https://user:pw@api.example.com/x"), "http_endpoint"),
                bad("no endpoint", "{\"user_id\":1001,\"type\":\"once\"}", "http_endpoint"),
                bad("a numeric endpoint", "{\"user_id\":1001,\"type\":\"once\",\"http_endpoint\":42}", "http_endpoint"),
                bad("a loopback address", endpoint("http://127.0.0.1:8080/hook"), "http_endpoint"),
                bad("another loopback address", endpoint("http://127.8.9.10/hook"), "http_endpoint"),
                bad("localhost", endpoint("http://localhost/hook"), "http_endpoint"),
                bad("the IPv6 loopback", endpoint("http://[::1]:8080/hook"), "http_endpoint"),
                bad("the metadata address", endpoint("http://169.254.169.254/latest/meta-data/"), "http_endpoint"),
                bad("a private address", endpoint("http://10.1.2.3/hook"), "http_endpoint"),
                bad("an IPv4-mapped loopback", endpoint("http://[::ffff:127.0.0.1]/hook"), "http_endpoint"),
                bad("an unsupported method", "{" + VALID + ",\"method\":\"TRACE\"}", "method"),
                bad("a numeric method", "{" + VALID + ",\"method\":1}", "method"),
                bad("headers as an array", "{" + VALID + ",\"headers\":[\"a\"]}", "headers"),
                bad("a numeric header value", "{" + VALID + ",\"headers\":{\"X-Count\":1}}", "headers.X-Count"),
                bad("an invalid header name", "{" + VALID + ",\"headers\":{\"Bad Header\":\"x\"}}", "headers"),
                bad("a header the service sets", "{" + VALID + ",\"headers\":{\"Host\":\"evil.example.com\"}}", "headers.Host"),
                bad("a header value the client cannot send", "{" + VALID + ",\"headers\":{\"X-A\":\"caf\u00e9\"}}", "headers.X-A"),
                bad("a header value with a control character", "{" + VALID + ",\"headers\":{\"X-A\":\"a\\u0007\"}}", "headers.X-A"),
                bad("a header value with a line break", "{" + VALID + ",\"headers\":{\"X-A\":\"a\\r\\nX-B: b\"}}", "headers.X-A"),
                bad("a negative max_cnt", "{" + VALID + ",\"stop_condition\":{\"max_cnt\":-1}}", "stop_condition.max_cnt"),
                bad("max_cnt 0", "{" + VALID + ",\"stop_condition\":{\"max_cnt\":0}}", "stop_condition.max_cnt"),
                bad("a string max_cnt", "{" + VALID + ",\"stop_condition\":{\"max_cnt\":\"300\"}}", "stop_condition.max_cnt"),
                bad("a stop_condition that is no object", "{" + VALID + ",\"stop_condition\":true}", "stop_condition"),
                bad("an empty stop key", "{" + VALID + ",\"stop_condition\":{\"\":true}}", "stop_condition"),
                bad("a bad JSON Pointer", "{" + VALID + ",\"stop_condition\":{\"/data/~2\":true}}", "stop_condition./data/~2"),
                bad("a cron_expression over 255 characters",
                        body("\"type\":\"cron\",\"cron_expression\":\"0 0 12 * * ?" + " ".repeat(250) + "\""), "cron_expression"),
                bad("a stop_condition over 64 KB", "{" + VALID + ",\"stop_condition\":{\"/a\":\"" + "x".repeat(66_000) + "\"}}",
                        "stop_condition"),
                bad("a multi-byte stop_condition over 64 KB", "{" + VALID + ",\"stop_condition\":{\"/a\":\"" + "é".repeat(33_000) + "\"}}",
                        "stop_condition"),
                bad("headers over 64 KB", "{" + VALID + ",\"headers\":{\"X-Big\":\"" + "x".repeat(70_000) + "\"}}", "headers"),
                bad("a start_time in year 10000", body("\"type\":\"once\",\"start_time\":\"+10000-01-01T00:00:00Z\""), "start_time"),
                bad("a start_time in a far year", body("\"type\":\"once\",\"start_time\":\"+999999999-12-31T23:59:59Z\""), "start_time"),
                bad("a start_time before year 0", body("\"type\":\"once\",\"start_time\":\"-0001-01-01T00:00:00Z\""), "start_time"),
                bad("a start_time in year 0", body("\"type\":\"once\",\"start_time\":\"0000-01-01T00:00:00Z\""), "start_time"),
                bad("a NAT64 metadata address", endpoint("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/"), "http_endpoint"),
                bad("a 6to4 loopback", endpoint("http://[2002:7f00:1::]/hook"), "http_endpoint"),
                bad("an IPv4-translated private address", endpoint("http://[::ffff:0:a00:1]/hook"), "http_endpoint"),
                bad("a benchmarking address", endpoint("http://198.18.0.1/hook"), "http_endpoint"),
                bad("an IETF protocol assignment", endpoint("http://192.0.0.170/hook"), "http_endpoint"),
                bad("port 0", endpoint("https://api.example.com:0/hook"), "http_endpoint"),
                bad("port 65536", endpoint("https://api.example.com:65536/hook"), "http_endpoint"),
                bad("an unknown field", "{" + VALID + ",\"colour\":\"blue\"}", "colour"),
                bad("a misspelt field", "{" + VALID + ",\"interval_second\":20}", "interval_second"),
                bad("11 retries", "{" + VALID + ",\"retry\":{\"max_retries\":11}}", "retry.max_retries"),
                bad("a negative max_retries", "{" + VALID + ",\"retry\":{\"max_retries\":-1}}", "retry.max_retries"),
                bad("a string max_retries", "{" + VALID + ",\"retry\":{\"max_retries\":\"2\"}}", "retry.max_retries"),
                bad("a backoff under 100 ms", "{" + VALID + ",\"retry\":{\"backoff_ms\":99}}", "retry.backoff_ms"),
                bad("a max_backoff_ms under backoff_ms", "{" + VALID + ",\"retry\":{\"backoff_ms\":2000,\"max_backoff_ms\":1000}}",
                        "retry.max_backoff_ms"),
                bad("an unknown retry field", "{" + VALID + ",\"retry\":{\"jitter\":true}}", "retry.jitter"),
                bad("a retry that is no object", "{" + VALID + ",\"retry\":3}", "retry"),
                bad("timeout_ms under a second", "{" + VALID + ",\"timeout_ms\":999}", "timeout_ms"),
                bad("timeout_ms over 15 minutes", "{" + VALID + ",\"timeout_ms\":900001}", "timeout_ms"),
                bad("a fractional timeout_ms", "{" + VALID + ",\"timeout_ms\":1500.5}", "timeout_ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadCreateRequestIsA400NamingTheField(String what, String body, String field) {
        JsonObject error = assertError(api.post("/api/v1/tasks", body), 400, "invalid_argument", field);

        assertThat(error.getString("message")).doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "/api/v1/users/1001/tasks?limit=-2147483649, limit",
        "/api/v1/users/1001/tasks?limit=-9223372036854775808, limit",
        "/api/v1/users/1001/tasks?offset=-2147483649, offset",
        "/api/v1/users/1001/tasks?offset=-99999999999, offset",
        "/api/v1/users/1001/tasks?limit=2147483648, limit",
        "/api/v1/tasks/00000000-0000-4000-8000-000000000000/executions?limit=-2147483649, limit",
        "/api/v1/tasks/00000000-0000-4000-8000-000000000000/executions?limit=-99999999999, limit"})
    void anOutOfRangePageParameterIsA400NamingIt(String path, String field) {
        assertError(api.get(path), 400, "invalid_argument", field);
    }

    @Test
    void aBodyWithinTheLimitsIsAccepted() {
        String everyMinute = java.util.stream.IntStream.range(0, 60).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(","));
        String fields = ",\"cron_expression\":\"0 " + everyMinute + " 12 * * ?\",\"stop_condition\":{\"/a\":\""
                + "x".repeat(60_000) + "\"}";

        ApiClient.Reply reply = api.post("/api/v1/tasks", body("\"type\":\"cron\"" + fields));

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        FIXTURE.reset();
    }

    @Test
    void aStartTimeInTheLastStorableYearIsAccepted() {
        ApiClient.Reply reply = api.post("/api/v1/tasks", body("\"type\":\"once\",\"start_time\":\"9999-12-30T00:00:00Z\""));

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        FIXTURE.reset();
    }

    @Test
    void wrongTypesAreNamedInTheMessage() {
        JsonObject error = assertError(api.post("/api/v1/tasks", body("\"type\":\"interval\",\"interval_seconds\":\"20\"")),
                400, "invalid_argument", "interval_seconds");

        assertThat(error.getString("message")).isEqualTo("interval_seconds must be an integer");
    }

    @Test
    void theSpecsExampleMessageIsKept() {
        JsonObject error = assertError(api.post("/api/v1/tasks", body("\"type\":\"interval\",\"interval_seconds\":0")),
                400, "invalid_argument", "interval_seconds");

        assertThat(error.getString("message")).isEqualTo("interval_seconds must be >= 1");
    }

    @Test
    void malformedJsonIsExplained() {
        JsonObject error = assertError(api.post("/api/v1/tasks", "{\"user_id\": 1001,"), 400, "invalid_argument", null);

        assertThat(error.getString("message")).startsWith("request body is not valid JSON: ");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutHarm() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);

        ApiClient.Reply reply = api.post("/api/v1/tasks", "{" + VALID + ",\"body\":" + nested + "}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    }

    @Test
    void anOversizedBodyIsA413() {
        String huge = "{" + VALID + ",\"body\":\"" + "x".repeat(1024 * 1024) + "\"}";

        assertError(api.post("/api/v1/tasks", huge), 413, "payload_too_large", null);
    }

    @Test
    void anOversizedChunkedBodyIsA413() {
        byte[] huge = ("{" + VALID + ",\"body\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertError(api.sendChunked(Method.POST, "/api/v1/tasks", huge), 413, "payload_too_large", null);
    }

    @Test
    void aSmallChunkedBodyIsRead() {
        byte[] body = ("{" + VALID + "}").getBytes(StandardCharsets.UTF_8);

        assertThat(api.sendChunked(Method.POST, "/api/v1/tasks", body).status()).isEqualTo(201);
        FIXTURE.reset();
    }

    @Test
    void aNonJsonContentTypeIsA415() {
        byte[] body = ("{" + VALID + "}").getBytes(StandardCharsets.UTF_8);

        assertError(api.send(Method.POST, "/api/v1/tasks", MediaTypes.TEXT_PLAIN, body), 415, "unsupported_media_type", null);
        assertError(api.send(Method.POST, "/api/v1/tasks", MediaTypes.APPLICATION_FORM_URLENCODED, body),
                415, "unsupported_media_type", null);
    }

    @Test
    void aMissingContentTypeIsA415() {
        ApiClient.Reply reply;
        try (var response = api.request(Method.POST, "/api/v1/tasks")
                .headers(headers -> headers.remove(io.helidon.http.HeaderNames.CONTENT_TYPE))
                .submit(("{" + VALID + "}").getBytes(StandardCharsets.UTF_8))) {
            reply = ApiClient.Reply.of(response);
        }

        assertThat(reply.status()).as(reply.text()).isEqualTo(415);
    }

    @Test
    void aJsonSubtypeWithUtf8IsAccepted() {
        byte[] body = ("{" + VALID + "}").getBytes(StandardCharsets.UTF_8);

        assertThat(api.send(Method.POST, "/api/v1/tasks",
                io.helidon.common.media.type.MediaTypes.create("application/merge-patch+json"), body).status()).isEqualTo(201);
        FIXTURE.reset();
    }

    @Test
    void createBeyondTheQuotaIsA429() {
        for (int i = 0; i < RestFixture.QUOTA; i++) {
            FIXTURE.store.put(TaskBuilder.aTask().ownedBy(RestFixture.USER).build());
        }

        assertError(api.post("/api/v1/tasks", "{" + VALID + "}"), 429, "quota_exceeded", "user_id");

        assertThat(FIXTURE.store.size()).isEqualTo(RestFixture.QUOTA);
        FIXTURE.reset();
    }

    private static Arguments bad(String what, String body, String field) {
        return Arguments.of(what, body, field);
    }

    private static String body(String scheduleFields) {
        return "{\"user_id\":1001,\"http_endpoint\":\"https://api.example.com/x\"," + scheduleFields + "}";
    }

    private static String endpoint(String url) {
        return "{\"user_id\":1001,\"type\":\"interval\",\"interval_seconds\":20,\"http_endpoint\":\"" + url + "\"}";
    }
}
