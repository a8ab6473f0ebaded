package com.coze.timer.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntervalScheduleTest {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");
    private static final Duration TWENTY_SECONDS = Duration.ofSeconds(20);

    private static IntervalSchedule every20s() {
        return new IntervalSchedule(TWENTY_SECONDS, Optional.empty());
    }

    private static IntervalSchedule every20sFrom(Instant start) {
        return new IntervalSchedule(TWENTY_SECONDS, Optional.of(start));
    }

    @Test
    void givenNoStartTime_thenFirstFireIsOneIntervalFromNow() {
        assertThat(every20s().firstFire(NOW)).contains(Instant.parse("2026-04-22T10:00:20Z"));
    }

    @Test
    void givenStartTimeInTheFuture_thenFirstFireIsTheStartTime() {
        Instant start = Instant.parse("2026-04-22T12:34:56Z");

        assertThat(every20sFrom(start).firstFire(NOW)).contains(start);
    }

    @Test
    void givenStartTimeInThePast_thenFirstFireIsNow() {
        assertThat(every20sFrom(NOW.minusSeconds(3600)).firstFire(NOW)).contains(NOW);
    }

    @Test
    void givenStartTimeExactlyNow_thenFirstFireIsNow() {
        assertThat(every20sFrom(NOW).firstFire(NOW)).contains(NOW);
    }

    @Test
    void whenHandledOnTime_thenNextFireIsOneIntervalAfterTheScheduledTime() {
        assertThat(every20s().nextFireAfter(NOW, NOW)).contains(NOW.plusSeconds(20));
    }

    @Test
    void whenHandledEarly_thenNextFireIsStillOneIntervalAfterTheScheduledTime() {
        assertThat(every20s().nextFireAfter(NOW, NOW.minusMillis(5))).contains(NOW.plusSeconds(20));
    }

    @Test
    void whenHandledAFewMillisecondsLate_thenNextFireIsOnTheGridNotAfterTheHandlingTime() {
        assertThat(every20s().nextFireAfter(NOW, NOW.plusMillis(37))).contains(NOW.plusSeconds(20));
    }

    @Test
    void givenManySuccessiveFiresEachHandledLate_thenEveryFireStaysOnTheGrid() {
        IntervalSchedule schedule = every20sFrom(NOW);
        Instant scheduled = schedule.firstFire(NOW).orElseThrow();

        for (int k = 1; k <= 100_000; k++) {
            Instant handledAt = scheduled.plusMillis(1 + (k * 37L) % 900); // always late, never by a full interval
            scheduled = schedule.nextFireAfter(scheduled, handledAt).orElseThrow();

            assertThat(scheduled).isEqualTo(NOW.plus(TWENTY_SECONDS.multipliedBy(k)));
        }
    }

    @Test
    void givenAStartTimeWithMilliseconds_thenTheGridKeepsThem() {
        Instant start = Instant.parse("2026-04-22T10:00:00.250Z");
        IntervalSchedule schedule = every20sFrom(start);

        assertThat(schedule.nextFireAfter(start, start.plusMillis(900))).contains(Instant.parse("2026-04-22T10:00:20.250Z"));
    }

    @Test
    void givenAMisfireAfterDowntime_thenItFiresOnceThenResumesOnTheGrid() {
        IntervalSchedule schedule = every20s();
        Instant missed = NOW;
        Instant backUpAt = NOW.plus(Duration.ofHours(1)).plusSeconds(7); // 180 occurrences were missed

        Instant next = schedule.nextFireAfter(missed, backUpAt).orElseThrow();

        assertThat(next).isEqualTo(NOW.plus(Duration.ofHours(1)).plusSeconds(20));
        assertThat(Duration.between(missed, next).toMillis() % TWENTY_SECONDS.toMillis()).isZero();
        assertThat(schedule.nextFireAfter(next, next.plusMillis(3))).contains(next.plusSeconds(20));
    }

    @Test
    void givenHandledExactlyOnTheFollowingOccurrence_thenNextFireIsStrictlyAfterNow() {
        Instant handledAt = NOW.plusSeconds(20);

        assertThat(every20s().nextFireAfter(NOW, handledAt)).contains(NOW.plusSeconds(40));
    }

    @Test
    void givenHandledOneMillisecondBeforeTheFollowingOccurrence_thenNextFireIsThatOccurrence() {
        assertThat(every20s().nextFireAfter(NOW, NOW.plusMillis(19_999))).contains(NOW.plusSeconds(20));
    }

    @Test
    void givenTheLongestIntervalAccepted_thenNextFireIsComputedWithoutOverflow() {
        IntervalSchedule schedule = new IntervalSchedule(Duration.ofSeconds(IntervalSchedule.MAX_INTERVAL_SECONDS), Optional.empty());

        assertThat(schedule.nextFireAfter(NOW, NOW.plusSeconds(1)))
                .contains(NOW.plusSeconds(IntervalSchedule.MAX_INTERVAL_SECONDS));
    }

    @Test
    void isAnIntervalSchedule() {
        assertThat(every20s().type()).isEqualTo(ScheduleType.INTERVAL);
    }

    @Test
    void givenAZeroInterval_thenItIsRefusedOnIntervalSeconds() {
        assertRefusedOnIntervalSeconds(Duration.ZERO);
    }

    @Test
    void givenANegativeInterval_thenItIsRefusedOnIntervalSeconds() {
        assertRefusedOnIntervalSeconds(Duration.ofSeconds(-20));
    }

    @Test
    void givenASubSecondInterval_thenItIsRefusedOnIntervalSeconds() {
        assertRefusedOnIntervalSeconds(Duration.ofMillis(999));
    }

    @Test
    void givenNoInterval_thenItIsRefusedOnIntervalSeconds() {
        assertRefusedOnIntervalSeconds(null);
    }

    @Test
    void givenAnIntervalLongerThanTenYears_thenItIsRefusedOnIntervalSeconds() {
        assertRefusedOnIntervalSeconds(Duration.ofSeconds(IntervalSchedule.MAX_INTERVAL_SECONDS + 1));
    }

    @Test
    void givenANullStartTime_thenItMeansNone() {
        assertThat(new IntervalSchedule(TWENTY_SECONDS, null).startTime()).isEmpty();
    }

    private static void assertRefusedOnIntervalSeconds(Duration interval) {
        assertThatThrownBy(() -> new IntervalSchedule(interval, Optional.empty()))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("interval_seconds"));
    }
}
