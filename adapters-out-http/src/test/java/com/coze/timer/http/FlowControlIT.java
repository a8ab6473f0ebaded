package com.coze.timer.http;

import static com.coze.timer.http.CallbackServer.status;
import static com.coze.timer.http.Fires.aFire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.CallbackSender.InFlightCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowControlIT {

    private CallbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new CallbackServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void perHostRateHolds() throws Exception {
        try (OkHttpCallbackSender sender = new OkHttpCallbackSender(
                Senders.loopback().perHostRates(Map.of("127.0.0.1", 5.0)).build())) {
            List<CompletableFuture<CallbackResult>> results = IntStream.range(0, 15)
                    .mapToObj(i -> sender.send(aFire().to(server.url("/" + i)).build()).result())
                    .toList();

            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(results).allMatch(result -> result.join().success());
            assertThat(server.requestCount()).isEqualTo(15);
            List<Long> at = server.arrivalOffsetsMs();
            assertThat(at.get(4)).as("a burst of one second's rate").isLessThan(500);
            assertThat(at.get(14)).as("the other ten at 5/s").isGreaterThanOrEqualTo(1800);
        }
    }

    @Test
    void waitsForATokenAreReportedWithTheirHostAndLengthAndImmediateTokensAreNot() throws Exception {
        ConcurrentLinkedQueue<String> waits = new ConcurrentLinkedQueue<>();
        try (OkHttpCallbackSender sender = new OkHttpCallbackSender(Senders.loopback().perHostRates(Map.of("127.0.0.1", 2.0)).build(),
                RateBuckets.LOCAL, (host, waitedMs) -> waits.add(host + " " + waitedMs))) {
            List<CompletableFuture<CallbackResult>> results = IntStream.range(0, 4)
                    .mapToObj(i -> sender.send(aFire().to(server.url("/" + i)).build()).result())
                    .toList();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(waits).as("the burst of 2 goes at once, the other 2 wait").hasSize(2).allSatisfy(wait -> {
                assertThat(wait).startsWith("127.0.0.1 ");
                assertThat(Long.parseLong(wait.substring("127.0.0.1 ".length()))).isBetween(200L, 5_000L);
            });
        }
    }

    @Test
    void aFailingObserverDoesNotHoldUpAFire() throws Exception {
        try (OkHttpCallbackSender sender = new OkHttpCallbackSender(Senders.loopback().perHostRates(Map.of("127.0.0.1", 1.0)).build(),
                RateBuckets.LOCAL, (host, waitedMs) -> {
                    throw new IllegalStateException("broken metrics");
                })) {
            sender.send(aFire().to(server.url("/first")).build());
            CallbackResult waited = sender.send(aFire().to(server.url("/second")).build()).result().get(5, TimeUnit.SECONDS);

            assertThat(waited.success()).isTrue();
        }
    }

    @Test
    void aSharedBucketIsNeverAskedOnTheSendersThread() throws Exception {
        CountDownLatch reachable = new CountDownLatch(1);
        RateBuckets.Source hangingUntilReachable = (host, rate, configuration) -> {
            try {
                reachable.await(); // a shared store that hangs, as an unreachable Redis does until its timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RateBuckets.LOCAL.bucketFor(host, rate, configuration);
        };
        try (OkHttpCallbackSender sender = new OkHttpCallbackSender(Senders.loopback().build(), hangingUntilReachable)) {
            InFlightCall call = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> sender.send(aFire().to(server.url("/shared")).build()), "send waited for the shared bucket");
            assertThat(call.result()).isNotDone();

            reachable.countDown();

            assertThat(call.result().get(5, TimeUnit.SECONDS).success()).isTrue();
        }
    }

    @Test
    void anotherHostIsNotHeldBackByAThrottledOne() throws Exception {
        try (OkHttpCallbackSender sender = new OkHttpCallbackSender(
                Senders.loopback().perHostRates(Map.of("127.0.0.1", 1.0)).build())) {
            sender.send(aFire().to(server.url("/throttled")).build());
            sender.send(aFire().to(server.url("/throttled")).build()); // waits about a second

            CallbackResult other = sender.send(aFire().to(server.localhostUrl("/free")).build())
                    .result().get(500, TimeUnit.MILLISECONDS);

            assertThat(other.success()).isTrue();
        }
    }

    @Test
    void cancelAbortsASlowCallInFlight() throws Exception {
        try (OkHttpCallbackSender sender = new OkHttpCallbackSender(Senders.loopback().build())) {
            server.respondAfter(Duration.ofSeconds(10), status(200));
            InFlightCall call = sender.send(aFire().to(server.url("/slow")).build());
            assertThat(server.nextRequest()).isNotNull();

            call.abort();

            CallbackResult result = call.result().get(1, TimeUnit.SECONDS);
            assertThat(result.aborted()).isTrue();
            assertThat(result.success()).isFalse();
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(server.takeRequestWithin(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void abortDuringABackoffSendsNothingMore() throws Exception {
        try (OkHttpCallbackSender sender = new OkHttpCallbackSender(
                Senders.loopback().initialBackoff(Duration.ofMillis(300)).build())) {
            server.respond(status(503));
            InFlightCall call = sender.send(aFire().to(server.url("/")).build());
            assertThat(server.nextRequest()).isNotNull();

            call.abort();

            assertThat(call.result().get(1, TimeUnit.SECONDS).aborted()).isTrue();
            assertThat(server.takeRequestWithin(Duration.ofMillis(600))).isNull();
        }
    }

    @Test
    void closeAbortsFiresStillUnderWay() throws Exception {
        OkHttpCallbackSender sender = new OkHttpCallbackSender(
                Senders.loopback().initialBackoff(Duration.ofSeconds(5)).build());
        server.respond(status(503));
        InFlightCall call = sender.send(aFire().to(server.url("/")).build());
        assertThat(server.nextRequest()).isNotNull();

        sender.close();

        assertThat(call.result().get(1, TimeUnit.SECONDS).aborted()).isTrue();
        assertThat(sender.send(aFire().to(server.url("/")).build()).result().get().error())
                .hasValue("sender closed");
    }
}
