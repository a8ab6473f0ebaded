package com.coze.timer.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesTest {

    private static final Instant START = Instant.parse("2026-04-22T10:00:00Z");

    @Test
    void givenAnIntervalTask_thenItBuildsAnIntervalSchedule() {
        Schedule schedule = Schedules.of(ScheduleType.INTERVAL, 20L, null, null, START);

        assertThat(schedule).isEqualTo(new IntervalSchedule(Duration.ofSeconds(20), Optional.of(START)));
    }

    @Test
    void givenAnIntervalTaskWithACronExpression_thenItIsRefusedOnCronExpression() {
        assertRefusedOn("cron_expression", () -> Schedules.of(ScheduleType.INTERVAL, 20L, "0 0 12 * * ?", null, null));
    }

    @Test
    void givenAnIntervalTaskWithATimeZone_thenItIsRefusedOnTimeZone() {
        assertRefusedOn("time_zone", () -> Schedules.of(ScheduleType.INTERVAL, 20L, null, "Asia/Shanghai", null));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(longs = {0, -1, -20, Long.MIN_VALUE, Long.MAX_VALUE, IntervalSchedule.MAX_INTERVAL_SECONDS + 1})
    void givenAnIntervalTaskWithAnUnusableInterval_thenItIsRefusedOnIntervalSeconds(Long seconds) {
        assertRefusedOn("interval_seconds", () -> Schedules.of(ScheduleType.INTERVAL, seconds, null, null, null));
    }

    @Test
    void givenAnIntervalOfOneSecond_thenItIsAccepted() {
        assertThat(Schedules.of(ScheduleType.INTERVAL, 1L, null, null, null)).isInstanceOf(IntervalSchedule.class);
    }

    @Test
    void givenAOnceTask_thenItBuildsAOnceSchedule() {
        assertThat(Schedules.of(ScheduleType.ONCE, null, null, null, START)).isEqualTo(new OnceSchedule(Optional.of(START)));
    }

    @Test
    void givenAOnceTaskWithAnInterval_thenItIsRefusedOnIntervalSeconds() {
        assertRefusedOn("interval_seconds", () -> Schedules.of(ScheduleType.ONCE, 20L, null, null, START));
    }

    @Test
    void givenAOnceTaskWithACronExpression_thenItIsRefusedOnCronExpression() {
        assertRefusedOn("cron_expression", () -> Schedules.of(ScheduleType.ONCE, null, "0 0 12 * * ?", null, START));
    }

    @Test
    void givenAOnceTaskWithATimeZone_thenItIsRefusedOnTimeZone() {
        assertRefusedOn("time_zone", () -> Schedules.of(ScheduleType.ONCE, null, null, "UTC", START));
    }

    @Test
    void givenACronTask_thenItBuildsACronScheduleInItsZone() {
        Schedule schedule = Schedules.of(ScheduleType.CRON, null, "0 0 12 * * ?", "Asia/Shanghai", START);

        assertThat(schedule).isInstanceOfSatisfying(CronSchedule.class, cron -> {
            assertThat(cron.expression()).isEqualTo("0 0 12 * * ?");
            assertThat(cron.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(cron.startTime()).contains(START);
        });
    }

    @Test
    void givenACronTaskWithoutATimeZone_thenItIsReadInUtc() {
        Schedule schedule = Schedules.of(ScheduleType.CRON, null, "0 0 12 * * ?", null, null);

        assertThat(schedule).isInstanceOfSatisfying(CronSchedule.class, cron -> assertThat(cron.zone()).isEqualTo(ZoneOffset.UTC));
    }

    @Test
    void givenACronTaskWithAnInterval_thenItIsRefusedOnIntervalSeconds() {
        assertRefusedOn("interval_seconds", () -> Schedules.of(ScheduleType.CRON, 20L, "0 0 12 * * ?", null, null));
    }

    @Test
    void givenACronTaskWithoutAnExpression_thenItIsRefusedOnCronExpression() {
        assertRefusedOn("cron_expression", () -> Schedules.of(ScheduleType.CRON, null, null, null, null));
    }

    @Test
    void givenACronTaskWithAFiveFieldExpressionOutOfRange_thenItIsRefusedOnCronExpression() {
        assertRefusedOn("cron_expression", () -> Schedules.of(ScheduleType.CRON, null, "0 24 * * *", null, null));
    }

    @Test
    void givenACronTaskWithAnUnknownTimeZone_thenItIsRefusedOnTimeZone() {
        assertRefusedOn("time_zone", () -> Schedules.of(ScheduleType.CRON, null, "0 0 12 * * ?", "Europe/Atlantis", null));
    }

    @Test
    void theTypesAreParsedFromTheirApiNames() {
        assertThat(ScheduleType.fromWire("interval")).isEqualTo(ScheduleType.INTERVAL);
        assertThat(ScheduleType.fromWire("once")).isEqualTo(ScheduleType.ONCE);
        assertThat(ScheduleType.fromWire("cron")).isEqualTo(ScheduleType.CRON);
        assertThat(ScheduleType.CRON.wire()).isEqualTo("cron");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "weekly", "Interval", "CRON"})
    void givenAnUnknownType_thenItIsRefusedOnType(String name) {
        assertRefusedOn("type", () -> ScheduleType.fromWire(name));
    }

    private static void assertRefusedOn(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
