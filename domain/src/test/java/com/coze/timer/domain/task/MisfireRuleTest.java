package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MisfireRuleTest {

    private static final Instant STARTED = Instant.parse("2026-04-22T10:00:00Z");
    private final MisfireRule rule = new MisfireRule(Duration.ofSeconds(5), STARTED);

    @Test
    void aFireDueBeforeTheSchedulerStartedIsAMisfireHoweverLittleLate() {
        assertThat(rule.isMisfire(STARTED.minusMillis(1), STARTED)).isTrue();
    }

    @Test
    void aFireDueSinceTheStartIsAMisfireOnlyPastTheThreshold() {
        assertThat(rule.isMisfire(STARTED, STARTED.plusSeconds(5))).isFalse();
        assertThat(rule.isMisfire(STARTED, STARTED.plusSeconds(5).plusMillis(1))).isTrue();
    }

    @Test
    void anyLatenessIsAMisfireUnderTheStrictRule() {
        assertThat(MisfireRule.ANY_LATENESS.isMisfire(STARTED, STARTED)).isFalse();
        assertThat(MisfireRule.ANY_LATENESS.isMisfire(STARTED, STARTED.plusMillis(1))).isTrue();
    }

    @Test
    void aNegativeThresholdIsRefused() {
        assertThatThrownBy(() -> new MisfireRule(Duration.ofMillis(-1), STARTED)).isInstanceOf(IllegalArgumentException.class);
    }
}
