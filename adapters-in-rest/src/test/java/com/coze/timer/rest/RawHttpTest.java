package com.coze.timer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests written byte by byte on a socket, as no well-behaved client would send them: what the web
 * server refuses itself comes back in the API's JSON error document, every answer carries
 * {@code nosniff}, and a client that stops half-way through a request has its connection closed.
 */
@ServerTest
class RawHttpTest {

    private static final RestFixture FIXTURE = new RestFixture();
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private static final RestConfig CONFIG = new RestConfig(RestConfig.DEFAULT_MAX_BODY_BYTES, TIMEOUT, TIMEOUT);
    private static final String TASK = "{\"user_id\":1001,\"type\":\"interval\",\"interval_seconds\":20,"
            + "\"http_endpoint\":\"https://api.example.com/x\"}";

    private final int port;

    RawHttpTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        RestApi.configureServer(server, CONFIG);
        server.idleConnectionTimeout(TIMEOUT).idleConnectionPeriod(Duration.ofMillis(200)); // as application.yaml sets, shorter
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        RestApi.routing(routing, FIXTURE.useCases(), CONFIG);
    }

    @Test
    void aMalformedContentTypeIsA415NamingTheHeader() throws IOException {
        Answer answer = send(post("application/json;", "Content-Length: " + TASK.length() + "\r\n", TASK));

        assertError(answer, 415, "unsupported_media_type");
        assertThat(answer.json().getString("field")).isEqualTo("Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n{}\r\n0\r\n\r\n", "-5\r\n{}\r\n0\r\n\r\n", "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n"})
    void aMalformedChunkSizeIsA400(String chunks) throws IOException {
        Answer answer = send(post("application/json", "Transfer-Encoding: chunked\r\n", chunks));

        assertThat(answer.status()).as(answer.text()).isBetween(400, 499);
        assertError(answer, answer.status(), ErrorResponses.codeOf(io.helidon.http.Status.create(answer.status())));
    }

    @Test
    void aHugeHeaderIsRefusedInTheJsonErrorShape() throws IOException {
        Answer answer = send("GET /api/v1/tasks/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");

        assertThat(answer.status()).as(answer.text()).isBetween(400, 499);
        assertError(answer, answer.status(), ErrorResponses.codeOf(io.helidon.http.Status.create(answer.status())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tasks/%zz", "/api/v1/tasks/%", "/api/v1/users/%E0%A4%A/tasks"})
    void aBadPercentEncodingIsA400InTheJsonErrorShape(String path) throws IOException {
        Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertError(answer, 400, "invalid_argument");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tasks/nope", "/api/v1/nothing", "/elsewhere"})
    void everyAnswerSaysNosniff(String path) throws IOException {
        Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer.header("x-content-type-options")).as(answer.text()).isEqualTo("nosniff");
        assertThat(answer.header("content-type")).as(answer.text()).isEqualTo(Responses.JSON_UTF8);
    }

    @Test
    void aSuccessSaysNosniff() throws IOException {
        Answer answer = send("GET /api/v1/users/1001/tasks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Authorization: Bearer " + FIXTURE.userToken + "\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
    }

    @Test
    void aClientThatStopsInTheHeadersIsDisconnected() throws IOException {
        assertClosedSoon("GET /api/v1/users/1001/tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bea", TIMEOUT.dividedBy(2));
    }

    @Test
    void aClientThatStopsInTheRequestLineIsDisconnected() throws IOException {
        // the idle check reads Helidon's clock, which ticks once a second: closed, but not at a foreseeable moment
        assertClosedSoon("GET /api/v1/users/1001/ta", Duration.ZERO);
    }

    @Test
    void aClientThatStopsInTheBodyIsDisconnected() throws IOException {
        assertClosedSoon(post("application/json", "Content-Length: " + TASK.length() + "\r\n", TASK.substring(0, 10)),
                TIMEOUT.dividedBy(2));
    }

    /** The server closes the connection after {@code partialRequest}, not before {@code notBefore}. */
    private void assertClosedSoon(String partialRequest, Duration notBefore) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // whatever the server says before it closes
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was still open after 10 s", e);
            } catch (IOException e) {
                // reset by the server: closed too
            }
        }
        Duration held = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("a half-sent request was held " + held.toMillis() + " ms (timeout " + TIMEOUT.toMillis() + " ms)");
        assertThat(held).isGreaterThanOrEqualTo(notBefore); // not closed at once: closed for being slow
    }

    private static String post(String contentType, String framing, String body) {
        return "POST /api/v1/tasks HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + FIXTURE.userToken
                + "\r\nContent-Type: " + contentType + "\r\n" + framing + "\r\n" + body;
    }

    private static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.text()).isEqualTo(Responses.JSON_UTF8);
        assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
        JsonObject json = answer.json();
        assertThat(json.getString("status")).isEqualTo("error");
        assertThat(json.getString("code")).isEqualTo(code);
        assertThat(json.getString("message")).isNotBlank().doesNotContain("Exception");
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(bytes);
            } catch (IOException e) {
                // the server may reset the connection after its answer
            }
            return new Answer(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** A raw HTTP/1.1 answer. */
    private record Answer(String text) {

        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            for (String line : head().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        JsonObject json() {
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            if ("chunked".equalsIgnoreCase(header("transfer-encoding"))) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return Json.createReader(new StringReader(body)).readObject();
        }

        private String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }
    }
}
