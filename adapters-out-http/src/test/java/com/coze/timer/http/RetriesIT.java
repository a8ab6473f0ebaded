package com.coze.timer.http;

import static com.coze.timer.http.CallbackServer.status;
import static com.coze.timer.http.Fires.aFire;
import static com.coze.timer.http.Senders.sendAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetriesIT {

    private CallbackServer server;
    private OkHttpCallbackSender sender;

    @BeforeEach
    void start() throws Exception {
        server = new CallbackServer();
        sender = new OkHttpCallbackSender(Senders.loopback().build());
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        server.close();
    }

    @Test
    void retriesCarryOneExecutionIdAndBackOff() throws Exception {
        server.respond(status(503), status(503), status(200));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        String executionId = server.nextRequest().getHeader("X-Timer-Execution-Id");
        assertThat(server.nextRequest().getHeader("X-Timer-Execution-Id")).isEqualTo(executionId);
        assertThat(server.nextRequest().getHeader("X-Timer-Execution-Id")).isEqualTo(executionId);
        List<Long> at = server.arrivalOffsetsMs();
        long firstGap = at.get(1) - at.get(0);
        long secondGap = at.get(2) - at.get(1);
        assertThat(firstGap).isGreaterThanOrEqualTo(45);   // initial backoff 50 ms
        assertThat(secondGap).isGreaterThanOrEqualTo(90);  // doubled
        assertThat(secondGap).isGreaterThan(firstGap);
    }

    @Test
    void a4xxIsNotRetried() throws Exception {
        server.respond(status(400));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).hasValue("HTTP 400");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void status408And429AreRetried() throws Exception {
        server.respond(status(408), status(429), status(204));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isTrue();
        assertThat(result.httpStatus()).hasValue(204);
        assertThat(result.attempts()).as("OkHttp repeats the 408 itself; it still counts").isEqualTo(3);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void retriesEndAfterMaxRetriesWithTheLastStatus() throws Exception {
        server.respond(status(503), status(502), status(500), status(503), status(200));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isFalse();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.error()).hasValue("HTTP 503 after 4 attempts");
        assertThat(server.requestCount()).isEqualTo(4);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        server.respond(status(429).setHeader("Retry-After", "1"), status(200));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isTrue();
        assertThat(server.arrivalOffsetsMs().get(1)).isGreaterThanOrEqualTo(950);
    }

    @Test
    void connectionRefusedIsRetriedThenFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CallbackResult result = sendAndWait(sender, aFire().to("http://127.0.0.1:" + closedPort + "/").build());

        assertThat(result.success()).isFalse();
        assertThat(result.httpStatus()).isEmpty();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.error()).hasValue("connection refused after 4 attempts");
    }

    @Test
    void timeoutIsRetried() throws Exception {
        try (OkHttpCallbackSender impatient = new OkHttpCallbackSender(
                Senders.loopback().transferTimeout(Duration.ofMillis(200)).build())) {
            server.respondAfter(Duration.ofSeconds(1), status(200)).respond(status(200));

            CallbackResult result = sendAndWait(impatient, aFire().to(server.url("/")).build());

            assertThat(result.success()).isTrue();
            assertThat(result.attempts()).isEqualTo(2);
        }
    }

    @Test
    void aTimeoutOnEveryAttemptIsReportedAsSuch() throws Exception {
        try (OkHttpCallbackSender impatient = new OkHttpCallbackSender(
                Senders.loopback().transferTimeout(Duration.ofMillis(100)).maxRetries(1).build())) {
            server.respondAfter(Duration.ofMillis(500), status(200)).respondAfter(Duration.ofMillis(500), status(200));

            CallbackResult result = sendAndWait(impatient, aFire().to(server.url("/")).build());

            assertThat(result.error()).hasValue("transfer timed out after 2 attempts");
        }
    }
}
