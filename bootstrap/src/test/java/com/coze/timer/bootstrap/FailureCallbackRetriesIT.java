package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Answer;
import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failure callback whose sending fails stays in the outbox, on the real service (embedded MariaDB)
 * and a real receiver: sent again with its id after a growing backoff, also after a restart, until
 * the receiver recovers; or, still failing once older than the maximum age, given up and counted.
 * The callback sender makes no retries of its own here ({@code timer.http.retries} 0), so each
 * request the receiver sees is one sending of the relay.
 */
class FailureCallbackRetriesIT {

    private final CallbackReceiver receiver = new CallbackReceiver();
    private volatile boolean recovered;

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aFailedFailureCallbackIsSentAgainWithItsIdAfterAGrowingBackoffAndARestartUntilItIsDelivered() {
        receiver.answerWith(r -> r.path().equals("/fail") ? new Answer(400, "{}", Duration.ZERO)
                : recovered ? Answer.ok("{}") : new Answer(503, "down", Duration.ZERO));
        Path dataDir = RunningService.freshDataDir("failure-retries");
        Map<String, String> settings = Map.of("timer.http.retries", "0", "timer.failure.callbacks.backoff", "1000",
                "timer.failure.callbacks.lease", "3000");
        try (RunningService first = RunningService.start(dataDir, settings)) {
            create(first);
            receiver.await(Duration.ofSeconds(20), all -> receiver.receivedAt("/failure").size() >= 3, "three failed sendings");
            assertThat(metric(first, "timer_failure_callbacks_failed_total")).as("not given up").isZero();
        }
        List<Received> failed = receiver.receivedAt("/failure");
        assertThat(gapMs(failed, 0)).as("the first backoff").isGreaterThanOrEqualTo(950);
        assertThat(gapMs(failed, 1)).as("the backoff doubled").isGreaterThanOrEqualTo(1_950);

        recovered = true;
        try (RunningService again = RunningService.start(dataDir, settings)) {
            awaitMetric(again, "timer_failure_callbacks_sent_total", 1);
            TimerProcess.sleep(1_500); // past another poll: nothing more is sent
            List<Received> all = receiver.receivedAt("/failure");
            assertThat(all).extracting(Received::executionId).as("one id on every sending").containsOnly(failed.getFirst().executionId());
            assertThat(all).extracting(r -> r.headers().get("webhook-id")).containsOnly(failed.getFirst().executionId());
            assertThat(all).extracting(Received::body).containsOnly(failed.getFirst().body());
            assertThat(metric(again, "timer_failure_callbacks_failed_total")).isZero();
        }
    }

    @Test
    void aFailureCallbackStillFailingPastTheMaximumAgeIsGivenUpAndCounted() {
        receiver.answerWith(r -> r.path().equals("/fail") ? new Answer(400, "{}", Duration.ZERO) : new Answer(503, "down", Duration.ZERO));
        Map<String, String> settings = Map.of("timer.http.retries", "0", "timer.failure.callbacks.backoff", "300",
                "timer.failure.callbacks.max.age", "2500");
        try (RunningService service = RunningService.start(RunningService.freshDataDir("failure-give-up"), settings)) {
            create(service);
            awaitMetric(service, "timer_failure_callbacks_failed_total", 1);
            int sent = receiver.receivedAt("/failure").size();
            TimerProcess.sleep(2_000); // past two polls: nothing more is sent
            assertThat(receiver.receivedAt("/failure")).as("sent again until given up, then no more").hasSizeGreaterThan(1).hasSize(sent);
            assertThat(metric(service, "timer_failure_callbacks_sent_total")).isZero();
        }
    }

    private void create(RunningService service) {
        ApiClient.Response created = service.post("/api/v1/tasks", service.adminToken(), "{\"user_id\": 1, \"type\": \"once\","
                + " \"http_endpoint\": \"" + receiver.url("/fail") + "\", \"failure_callback_url\": \"" + receiver.url("/failure") + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Milliseconds between sending {@code i} and the next. */
    private static long gapMs(List<Received> sendings, int i) {
        return Duration.between(sendings.get(i).arrivedAt(), sendings.get(i + 1).arrivedAt()).toMillis();
    }

    private static double metric(RunningService service, String name) {
        return PrometheusText.parse(service.get("/observe/metrics", null).body()).require(name);
    }

    private static void awaitMetric(RunningService service, String name, double value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (metric(service, name) < value) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw " + name + " reach " + value);
            }
            TimerProcess.sleep(100);
        }
        assertThat(metric(service, name)).isEqualTo(value);
    }
}
