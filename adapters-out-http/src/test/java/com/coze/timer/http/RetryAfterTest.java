package com.coze.timer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");

    @Test
    void aNumberIsSeconds() {
        assertThat(RetryAfter.parse(" 120 ", NOW)).hasValue(Duration.ofSeconds(120));
    }

    @Test
    void anHttpDateIsTheTimeUntilIt() {
        assertThat(RetryAfter.parse("Wed, 22 Apr 2026 10:00:30 GMT", NOW)).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Wed, 22 Apr 2026 09:00:00 GMT", NOW)).hasValue(Duration.ZERO);
    }

    @Test
    void somethingElseIsIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void anAbsurdNumberIsLeftForTheCapToLimit() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).get()
                .matches(wait -> wait.compareTo(Duration.ofDays(365)) > 0);
    }
}
