package com.coze.timer.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The wait before a failed failure callback is sent again: doubling from the backoff, capped. */
class FailureCallbackBackoffTest {

    private final FailureCallbackRelay.Settings settings = new FailureCallbackRelay.Settings(Duration.ofMinutes(5), Duration.ofSeconds(1),
            Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24));

    @Test
    void theWaitDoublesWithEachFailedSendingUpToTheCap() {
        assertThat(IntStream.of(0, 1, 2, 5, 6, 7, 1_000).mapToObj(settings::backoffAfter)).containsExactly(Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1));
    }
}
