package com.coze.timer.http;

import static com.coze.timer.http.CallbackServer.status;
import static com.coze.timer.http.Fires.aFire;
import static com.coze.timer.http.Senders.sendAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.Signing;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fire's own retries, attempt timeout and signature, sent to a real server. */
class TaskDeliveryIT {

    private CallbackServer server;
    private OkHttpCallbackSender sender;

    @BeforeEach
    void start() throws Exception {
        server = new CallbackServer();
        sender = new OkHttpCallbackSender(Senders.loopback().build()); // 3 retries from 50 ms
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        server.close();
    }

    @Test
    void aFiresOwnRetriesAndBackoffReplaceTheSendersSettings() throws Exception {
        server.respond(status(503), status(503), status(503), status(503));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).delivery(new Delivery(1, 300, 300, 30_000)).build());

        assertThat(result.success()).isFalse();
        assertThat(result.attempts()).isEqualTo(2);
        List<Long> at = server.arrivalOffsetsMs();
        assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(290);
    }

    @Test
    void noRetriesMeansOneAttempt() throws Exception {
        server.respond(status(503));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).delivery(new Delivery(0, 100, 100, 30_000)).build());

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).hasValue("HTTP 503");
    }

    @Test
    void aFiresOwnTimeoutEndsAnAttemptTheSendersWouldHaveWaitedFor() throws Exception {
        server.respondAfter(Duration.ofSeconds(4), status(200));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).delivery(new Delivery(0, 100, 100, 1_000)).build());

        assertThat(result.success()).isFalse();
        assertThat(result.durationMs()).isLessThan(3_000);
        assertThat(result.error()).hasValueSatisfying(error -> assertThat(error).contains("timed out"));
    }

    @Test
    void aRetryKeepsTheWebhookIdAndIsSignedAgain() throws Exception {
        Signing signing = Signing.generate();
        server.respond(status(503), status(200));

        sendAndWait(sender, aFire().to(server.url("/")).body("{\"n\":1}").signing(signing).build());

        for (RecordedRequest request : List.of(server.nextRequest(), server.nextRequest())) {
            String expected = WebhookSignature.of(signing.secretsAt(java.time.Instant.now()), request.getHeader("webhook-id"),
                    Long.parseLong(request.getHeader("webhook-timestamp")), request.getBody().readByteArray());
            assertThat(request.getHeader("webhook-signature")).isEqualTo(expected);
            assertThat(request.getHeader("webhook-id")).isEqualTo(request.getHeader("X-Timer-Execution-Id"));
        }
    }
}
