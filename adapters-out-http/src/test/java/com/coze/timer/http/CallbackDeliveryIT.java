package com.coze.timer.http;

import static com.coze.timer.http.Fires.aFire;
import static com.coze.timer.http.Senders.sendAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.domain.task.HttpMethod;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackDeliveryIT {

    private CallbackServer server;
    private OkHttpCallbackSender sender;

    @BeforeEach
    void start() throws Exception {
        server = new CallbackServer();
        sender = new OkHttpCallbackSender(Senders.loopback().maxResponseBytes(16).build());
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        server.close();
    }

    @Test
    void sendsMethodHeadersBodyAndTimerHeaders() throws Exception {
        server.respond(new MockResponse().setResponseCode(201).setBody("created"));
        CallbackRequest fire = aFire().to(server.url("/hook?x=1")).method(HttpMethod.PUT)
                .header("Authorization", "Bearer s3cret").body("{\"n\":1}").build();

        CallbackResult result = sendAndWait(sender, fire);

        RecordedRequest request = server.nextRequest();
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getPath()).isEqualTo("/hook?x=1");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"n\":1}");
        assertThat(request.getHeader("X-Timer-Task-Id")).isEqualTo(fire.taskId().toString());
        assertThat(request.getHeader("X-Timer-Execution-Id")).isEqualTo(fire.executionId());
        assertThat(request.getHeader("X-Timer-Scheduled-Time")).isEqualTo("2026-04-22T10:00:20.000Z");
        assertThat(result.success()).isTrue();
        assertThat(result.httpStatus()).hasValue(201);
        assertThat(result.body()).hasValue("created");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).isEmpty();
        assertThat(result.durationMs()).isNotNegative();
    }

    @Test
    void theUsersContentTypeIsKept() throws Exception {
        CallbackRequest fire = aFire().to(server.url("/")).header("content-type", "application/vnd.hook+json")
                .body("{}").build();

        sendAndWait(sender, fire);

        assertThat(server.nextRequest().getHeader("Content-Type")).isEqualTo("application/vnd.hook+json");
    }

    @Test
    void getAndDeleteSendNoBody() throws Exception {
        sendAndWait(sender, aFire().to(server.url("/")).method(HttpMethod.GET).body("{\"ignored\":true}").build());
        sendAndWait(sender, aFire().to(server.url("/")).method(HttpMethod.DELETE).body("{}").build());

        for (String method : new String[] {"GET", "DELETE"}) {
            RecordedRequest request = server.nextRequest();
            assertThat(request.getMethod()).isEqualTo(method);
            assertThat(request.getBodySize()).isZero();
            assertThat(request.getHeader("Content-Type")).isNull();
        }
    }

    @Test
    void bodyIsReadOnlyUpToTheLimit() throws Exception {
        server.respond(new MockResponse().setBody("0123456789abcdef-and-much-more".repeat(50_000)));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isTrue();
        assertThat(result.body()).hasValue("0123456789abcdef");
    }

    @Test
    void aNon2xxAnswerIsAFailureWithItsStatusAndBody() throws Exception {
        server.respond(new MockResponse().setResponseCode(302).setHeader("Location", "http://example.com/")
                .setBody("moved"));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).build());

        assertThat(result.success()).isFalse();
        assertThat(result.httpStatus()).hasValue(302);
        assertThat(result.body()).hasValue("moved");
        assertThat(result.error()).hasValue("HTTP 302");
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
