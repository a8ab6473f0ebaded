package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HealthChecksTest {

    private final CountDownLatch never = new CountDownLatch(1);

    @Test
    @Timeout(20)
    void aProbeThatDoesNotAnswerIsDownAfterTheTimeoutAndNotAskedAgainWhileItHangs() {
        AtomicInteger probes = new AtomicInteger();
        HealthCheck check = HealthChecks.readiness("stuck", () -> {
            probes.incrementAndGet();
            never.await();
            return true;
        });

        HealthCheckResponse first = check.call();
        HealthCheckResponse second = check.call();

        assertThat(first.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(first.details()).containsEntry("error", "no answer within 2000 ms");
        assertThat(second.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(probes).as("the hanging probe is not started twice").hasValue(1);
        never.countDown();
    }

    @Test
    void aDatabaseKnownToBeDownIsDownWithoutAskingThePool() {
        HealthCheck check = HealthChecks.database(null, () -> false);

        HealthCheckResponse response = check.call();

        assertThat(response.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.details().get("error").toString()).contains("being restarted");
    }

    @Test
    void aProbeThatAnswersOrThrowsIsReportedAsSuch() {
        assertThat(HealthChecks.readiness("up", () -> true).call().status()).isEqualTo(HealthCheckResponse.Status.UP);
        HealthCheckResponse failed = HealthChecks.readiness("fails", () -> {
            throw new IllegalStateException("refused");
        }).call();
        assertThat(failed.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(failed.details()).containsEntry("error", "refused");
    }
}
