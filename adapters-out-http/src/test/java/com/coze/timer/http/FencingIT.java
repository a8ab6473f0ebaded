package com.coze.timer.http;

import static com.coze.timer.http.CallbackServer.status;
import static com.coze.timer.http.Fires.aFire;
import static com.coze.timer.http.Senders.sendAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.CallbackSender.InFlightCall;
import com.coze.timer.application.port.out.Fence;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No attempt of a fire goes on the wire once its fence stopped holding, wherever the fire waited. */
class FencingIT {

    private CallbackServer server;
    private OkHttpCallbackSender sender;

    @BeforeEach
    void start() throws Exception {
        server = new CallbackServer();
        sender = new OkHttpCallbackSender(Senders.loopback().maxRequestsPerHost(1).build());
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        server.close();
    }

    @Test
    void aFireWhoseFenceNoLongerHoldsIsNotSentAndEndsAbortedWithTheReason() throws Exception {
        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).fence(Fence.CLOSED).build());

        assertThat(result.aborted()).isTrue();
        assertThat(result.attempts()).isZero();
        assertThat(result.error()).hasValue(FenceCheck.FencedOff.MESSAGE);
        assertThat(server.takeRequestWithin(Duration.ofMillis(300))).isNull();
    }

    @Test
    void noRetryGoesOutOnceTheFenceStoppedHolding() throws Exception {
        server.respond(status(503), status(200));

        CallbackResult result = sendAndWait(sender, aFire().to(server.url("/")).fence(() -> server.requestCount() == 0).build());

        assertThat(result.aborted()).isTrue();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aRequestWaitingForTheClientIsNotWrittenOnceTheFenceStoppedHolding() throws Exception {
        server.respondAfter(Duration.ofMillis(500), status(200)).respond(status(200));
        AtomicBoolean holds = new AtomicBoolean(true);
        InFlightCall first = sender.send(aFire().to(server.url("/first")).build());
        assertThat(server.nextRequest().getPath()).isEqualTo("/first");
        InFlightCall waiting = sender.send(aFire().to(server.url("/waiting")).fence(holds::get).build()); // one call per host
        holds.set(false);

        assertThat(first.result().get(5, TimeUnit.SECONDS).success()).isTrue();
        CallbackResult result = waiting.result().get(5, TimeUnit.SECONDS);
        assertThat(result.aborted()).isTrue();
        assertThat(result.error()).hasValue(FenceCheck.FencedOff.MESSAGE);
        assertThat(server.takeRequestWithin(Duration.ofMillis(300))).as("the waiting request").isNull();
    }
}
