package com.coze.timer.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    /** A Wednesday. */
    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");
    private static final String DAILY_NOON = "0 0 12 * * ?";

    private static CronSchedule cron(String expression) {
        return new CronSchedule(expression, ZoneOffset.UTC, Optional.empty());
    }

    private static CronSchedule cron(String expression, String zone) {
        return new CronSchedule(expression, ZoneId.of(zone), Optional.empty());
    }

    @Test
    void givenADailyNoonJob_thenItFirstFiresAtTheComingNoon() {
        assertThat(cron(DAILY_NOON).firstFire(NOW)).contains(Instant.parse("2026-04-22T12:00:00Z"));
    }

    @Test
    void givenADailyNoonJobCreatedAfterNoon_thenItFirstFiresTomorrow() {
        assertThat(cron(DAILY_NOON).firstFire(Instant.parse("2026-04-22T12:00:00.001Z")))
                .contains(Instant.parse("2026-04-23T12:00:00Z"));
    }

    @Test
    void givenAJobCreatedExactlyAtAMatch_thenItFiresNow() {
        Instant noon = Instant.parse("2026-04-22T12:00:00Z");

        assertThat(cron(DAILY_NOON).firstFire(noon)).contains(noon);
    }

    @Test
    void afterAFire_thenTheNextFireIsTheFollowingMatch() {
        Instant noon = Instant.parse("2026-04-22T12:00:00Z");

        assertThat(cron(DAILY_NOON).nextFireAfter(noon, noon.plusMillis(12))).contains(Instant.parse("2026-04-23T12:00:00Z"));
    }

    @Test
    void givenAMisfireAfterDowntime_thenItFiresOnceThenResumesItsSchedule() {
        Instant missed = Instant.parse("2026-04-22T12:00:00Z");
        Instant backUpAt = Instant.parse("2026-04-25T13:00:00Z"); // three noons were missed

        assertThat(cron(DAILY_NOON).nextFireAfter(missed, backUpAt)).contains(Instant.parse("2026-04-26T12:00:00Z"));
    }

    @Test
    void givenADailyNoonJobInShanghai_thenItFiresAtFourUtc() {
        assertThat(cron(DAILY_NOON, "Asia/Shanghai").firstFire(NOW)).contains(Instant.parse("2026-04-23T04:00:00Z"));
    }

    @Test
    void givenNoTimeZone_thenItIsReadInUtc() {
        CronSchedule schedule = new CronSchedule(DAILY_NOON, null, Optional.empty());

        assertThat(schedule.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(schedule.firstFire(NOW)).contains(Instant.parse("2026-04-22T12:00:00Z"));
    }

    @Test
    void givenTheSecondsField_thenItIsHonoured() {
        CronSchedule everyMinuteAtThirty = cron("30 * * * * ?");

        assertThat(everyMinuteAtThirty.firstFire(NOW)).contains(Instant.parse("2026-04-22T10:00:30Z"));
        assertThat(everyMinuteAtThirty.nextFireAfter(Instant.parse("2026-04-22T10:00:30Z"), Instant.parse("2026-04-22T10:00:30.004Z")))
                .contains(Instant.parse("2026-04-22T10:01:30Z"));
    }

    @Test
    void givenEveryFifteenMinutes_thenItFiresOnTheQuarterHours() {
        CronSchedule quarterly = cron("0 0/15 * * * ?");
        Instant fire = quarterly.firstFire(Instant.parse("2026-04-22T10:07:00Z")).orElseThrow();

        assertThat(fire).isEqualTo(Instant.parse("2026-04-22T10:15:00Z"));
        assertThat(quarterly.nextFireAfter(fire, fire.plusMillis(2))).contains(Instant.parse("2026-04-22T10:30:00Z"));
    }

    @Test
    void givenADayOfWeekName_thenItFiresOnThatWeekday() {
        assertThat(cron("0 0 9 ? * MON").firstFire(NOW)).contains(Instant.parse("2026-04-27T09:00:00Z"));
    }

    @Test
    void givenADayOfWeekNumber_thenItCountsFromSundayAsQuartzDoes() {
        assertThat(cron("0 0 9 ? * 2").firstFire(NOW)).contains(Instant.parse("2026-04-27T09:00:00Z"));
        assertThat(cron("0 0 9 ? * 1").firstFire(NOW)).contains(Instant.parse("2026-04-26T09:00:00Z"));
    }

    @Test
    void givenTheUnixFiveFieldForm_thenItIsReadMinuteFirst() {
        assertThat(cron("0 12 * * *").firstFire(NOW)).contains(Instant.parse("2026-04-22T12:00:00Z"));
        assertThat(cron("*/15 * * * *").firstFire(NOW.plusSeconds(1))).contains(Instant.parse("2026-04-22T10:15:00Z"));
        assertThat(cron("30 8 * * 1-5", "Asia/Shanghai").firstFire(NOW)).contains(Instant.parse("2026-04-23T00:30:00Z"));
    }

    @Test
    void givenAUnixDayOfWeekNumber_thenItCountsFromSundayAsZero() {
        assertThat(cron("0 9 * * 1").firstFire(NOW)).contains(Instant.parse("2026-04-27T09:00:00Z"));
        assertThat(cron("0 9 * * 0").firstFire(NOW)).contains(Instant.parse("2026-04-26T09:00:00Z"));
    }

    @Test
    void givenAnInvalidExpression_thenTheMessageNamesBothForms() {
        assertThatThrownBy(() -> cron("0 61 * * *"))
                .hasMessageContaining("Unix cron expression (5 fields").hasMessageContaining("Quartz one (6 or 7 fields");
    }

    @Test
    void givenTheLastDayOfTheMonth_thenItFiresOnTheThirtiethOfApril() {
        assertThat(cron("0 0 12 L * ?").firstFire(NOW)).contains(Instant.parse("2026-04-30T12:00:00Z"));
    }

    @Test
    void givenASeventhYearField_thenItFiresOnlyInThatYear() {
        CronSchedule newYear2027 = cron("0 0 0 1 1 ? 2027");
        Instant fire = newYear2027.firstFire(NOW).orElseThrow();

        assertThat(fire).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(newYear2027.nextFireAfter(fire, fire)).isEmpty();
    }

    @Test
    void givenAYearThatHasPassed_thenItNeverFires() {
        assertThat(cron("0 0 12 * * ? 2020").firstFire(NOW)).isEmpty();
    }

    @Test
    void givenAStartTime_thenItDoesNotFireBeforeIt() {
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        CronSchedule schedule = new CronSchedule(DAILY_NOON, ZoneOffset.UTC, Optional.of(start));

        assertThat(schedule.firstFire(NOW)).contains(Instant.parse("2026-05-01T12:00:00Z"));
    }

    @Test
    void givenAStartTimeOnAMatch_thenItFiresAtTheStartTime() {
        Instant start = Instant.parse("2026-05-01T12:00:00Z");
        CronSchedule schedule = new CronSchedule(DAILY_NOON, ZoneOffset.UTC, Optional.of(start));

        assertThat(schedule.firstFire(NOW)).contains(start);
    }

    @Test
    void givenAStartTimeInThePast_thenItFiresAtTheNextMatchFromNow() {
        CronSchedule schedule = new CronSchedule(DAILY_NOON, ZoneOffset.UTC, Optional.of(NOW.minusSeconds(86_400 * 3)));

        assertThat(schedule.firstFire(NOW)).contains(Instant.parse("2026-04-22T12:00:00Z"));
    }

    @Test
    void isACronSchedule() {
        assertThat(cron(DAILY_NOON).type()).isEqualTo(ScheduleType.CRON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not a cron",            // garbage
        "0 0 12 1 * MON",        // both day fields, neither is '?'
        "0 0 12 * * *",          // both day fields, neither is '?'
        "0 60 12 * * ?",         // minute out of range
        "0 0 25 * * ?",          // hour out of range
        "0 0 12 * * ? 2027 1",   // eight fields
        "0 12 * *",              // four fields
        "60 12 * * *",           // Unix: minute out of range
        "0 12 * * MONDAY",       // Unix: unknown day name
        "0 0 12 ? * FUNDAY",     // unknown day name
    })
    void givenAnInvalidExpression_thenItIsRefusedOnCronExpression(String expression) {
        assertThatThrownBy(() -> cron(expression))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("cron_expression"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void givenNoExpression_thenItIsRefusedOnCronExpression(String expression) {
        assertThatThrownBy(() -> cron(expression))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("cron_expression"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "Europe/Berlinn", "", "not a zone"})
    void givenAnUnknownTimeZone_thenItIsRefusedOnTimeZone(String zone) {
        assertThatThrownBy(() -> CronSchedule.zoneOf(zone))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("time_zone"));
    }

    @Test
    void givenAKnownTimeZone_thenItIsParsed() {
        assertThat(CronSchedule.zoneOf("America/New_York")).isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void givenNoTimeZoneName_thenTheZoneIsUtc() {
        assertThat(CronSchedule.zoneOf(null)).isEqualTo(ZoneOffset.UTC);
    }
}
