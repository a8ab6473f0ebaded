package com.coze.timer.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cron across the 2026 daylight-saving changes. Europe/Berlin springs forward on Sunday 29 March
 * (02:00 → 03:00) and falls back on Sunday 25 October (03:00 → 02:00); America/New_York springs
 * forward on Sunday 8 March (02:00 → 03:00) and falls back on Sunday 1 November (02:00 → 01:00).
 * A wall-clock match fires once: inside the gap it is shifted forward by the gap's length, inside
 * the overlap it fires at its first occurrence.
 */
class CronScheduleDaylightSavingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate BERLIN_SPRING_FORWARD = LocalDate.of(2026, 3, 29);
    private static final LocalDate BERLIN_FALL_BACK = LocalDate.of(2026, 10, 25);
    private static final LocalDate NEW_YORK_SPRING_FORWARD = LocalDate.of(2026, 3, 8);
    private static final LocalDate NEW_YORK_FALL_BACK = LocalDate.of(2026, 11, 1);
    private static final String DAILY_0230 = "0 30 2 * * ?";
    private static final String HOURLY = "0 0 * * * ?";
    private static final String EVERY_15_MINUTES = "0 0/15 * * * ?";
    /** How late each fire is handled in the simulations: a realistic few milliseconds. */
    private static final Duration HANDLING_DELAY = Duration.ofMillis(3);

    @Test
    void givenADaily0230JobInBerlin_thenOnTheSpringForwardDayItFiresOnceAt0330() {
        List<Instant> fires = firesAround(DAILY_0230, BERLIN, BERLIN_SPRING_FORWARD, 4);

        assertThat(fires).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),  // 02:30 CET
                Instant.parse("2026-03-29T01:30:00Z"),  // 03:30 CEST: 02:30 does not exist
                Instant.parse("2026-03-30T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2026-03-31T00:30:00Z"));
        assertThat(local(fires.get(1), BERLIN)).isEqualTo(LocalDateTime.of(2026, 3, 29, 3, 30));
    }

    @Test
    void givenADaily0230JobInBerlin_thenOnTheFallBackDayItFiresOnce() {
        List<Instant> fires = firesAround(DAILY_0230, BERLIN, BERLIN_FALL_BACK, 4);

        assertThat(fires).containsExactly(
                Instant.parse("2026-10-24T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2026-10-25T00:30:00Z"),  // the first 02:30 (CEST); the second (CET) does not fire
                Instant.parse("2026-10-26T01:30:00Z"),  // 02:30 CET
                Instant.parse("2026-10-27T01:30:00Z"));
    }

    @Test
    void givenADaily0230JobInNewYork_thenOnTheSpringForwardDayItFiresOnceAt0330() {
        List<Instant> fires = firesAround(DAILY_0230, NEW_YORK, NEW_YORK_SPRING_FORWARD, 4);

        assertThat(fires).containsExactly(
                Instant.parse("2026-03-07T07:30:00Z"),  // 02:30 EST
                Instant.parse("2026-03-08T07:30:00Z"),  // 03:30 EDT: 02:30 does not exist
                Instant.parse("2026-03-09T06:30:00Z"),  // 02:30 EDT
                Instant.parse("2026-03-10T06:30:00Z"));
        assertThat(local(fires.get(1), NEW_YORK)).isEqualTo(LocalDateTime.of(2026, 3, 8, 3, 30));
    }

    @Test
    void givenADaily0230JobInNewYork_thenOnTheFallBackDayItFiresOnce() {
        List<Instant> fires = firesAround(DAILY_0230, NEW_YORK, NEW_YORK_FALL_BACK, 4);

        assertThat(fires).containsExactly(
                Instant.parse("2026-10-31T06:30:00Z"),  // 02:30 EDT
                Instant.parse("2026-11-01T07:30:00Z"),  // 02:30 EST, after the repeated hour
                Instant.parse("2026-11-02T07:30:00Z"),
                Instant.parse("2026-11-03T07:30:00Z"));
    }

    @Test
    void givenADaily0130JobInNewYork_thenInTheRepeatedHourItFiresOnceAtTheFirstOccurrence() {
        List<Instant> fires = firesAround("0 30 1 * * ?", NEW_YORK, NEW_YORK_FALL_BACK, 4);

        assertThat(fires).containsExactly(
                Instant.parse("2026-10-31T05:30:00Z"),  // 01:30 EDT
                Instant.parse("2026-11-01T05:30:00Z"),  // the first 01:30 (EDT); not again at 06:30Z (EST)
                Instant.parse("2026-11-02T06:30:00Z"),  // 01:30 EST
                Instant.parse("2026-11-03T06:30:00Z"));
    }

    @Test
    void givenADaily0230JobCreatedInBerlinJustAfterTheClocksSprangForward_thenItStillFiresThatDayAt0330() {
        CronSchedule schedule = new CronSchedule(DAILY_0230, BERLIN, Optional.empty());
        Instant createdAt = Instant.parse("2026-03-29T01:10:00Z"); // 03:10 CEST

        assertThat(schedule.firstFire(createdAt)).contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void givenADaily0215JobCreatedInNewYorkJustAsTheClocksSprangForward_thenItFiresThatDayAt0315() {
        CronSchedule schedule = new CronSchedule("0 15 2 * * ?", NEW_YORK, Optional.empty());
        Instant createdAt = Instant.parse("2026-03-08T07:00:00.001Z"); // 03:00:00.001 EDT

        assertThat(schedule.firstFire(createdAt)).contains(Instant.parse("2026-03-08T07:15:00Z"));
    }

    @Test
    void givenADaily0230JobMisfiredUntilJustAfterTheClocksSprangForward_thenItFiresThatDayAt0330() {
        CronSchedule schedule = new CronSchedule(DAILY_0230, BERLIN, Optional.empty());
        Instant missed = Instant.parse("2026-03-28T01:30:00Z");
        Instant backUpAt = Instant.parse("2026-03-29T01:20:00Z"); // 03:20 CEST

        assertThat(schedule.nextFireAfter(missed, backUpAt)).contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void givenADaily0230JobCreatedInBerlinAfterItsShiftedFire_thenItFiresTheNextDay() {
        CronSchedule schedule = new CronSchedule(DAILY_0230, BERLIN, Optional.empty());
        Instant createdAt = Instant.parse("2026-03-29T01:30:00.001Z"); // just after 03:30 CEST

        assertThat(schedule.firstFire(createdAt)).contains(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void givenADaily0230JobCreatedInBerlinDuringTheRepeatedHour_thenItFiresAtTheSecond0230() {
        CronSchedule schedule = new CronSchedule(DAILY_0230, BERLIN, Optional.empty());
        Instant createdAt = Instant.parse("2026-10-25T01:10:00Z"); // 02:10 CET, the second pass

        assertThat(schedule.firstFire(createdAt)).contains(Instant.parse("2026-10-25T01:30:00Z"));
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of(BERLIN, BERLIN_SPRING_FORWARD, HOURLY, 23),
                Arguments.of(BERLIN, BERLIN_FALL_BACK, HOURLY, 24),
                Arguments.of(NEW_YORK, NEW_YORK_SPRING_FORWARD, HOURLY, 23),
                Arguments.of(NEW_YORK, NEW_YORK_FALL_BACK, HOURLY, 24),
                Arguments.of(BERLIN, BERLIN_SPRING_FORWARD, EVERY_15_MINUTES, 92),
                Arguments.of(BERLIN, BERLIN_FALL_BACK, EVERY_15_MINUTES, 96),
                Arguments.of(NEW_YORK, NEW_YORK_SPRING_FORWARD, EVERY_15_MINUTES, 92),
                Arguments.of(NEW_YORK, NEW_YORK_FALL_BACK, EVERY_15_MINUTES, 96));
    }

    @ParameterizedTest(name = "{2} in {0} around {1}")
    @MethodSource("transitions")
    void givenARecurringJobAcrossATransition_thenFiresStrictlyIncreaseAndNoWallClockTimeFiresTwice(
            ZoneId zone, LocalDate transitionDay, String expression, int firesOnTransitionDay) {
        List<Instant> fires = firesAround(expression, zone, transitionDay, 3);

        assertThat(fires).isSortedAccordingTo(Instant::compareTo).doesNotHaveDuplicates();
        for (int i = 1; i < fires.size(); i++) {
            assertThat(fires.get(i)).isAfter(fires.get(i - 1));
        }
        List<LocalDateTime> wallClock = fires.stream().map(fire -> local(fire, zone)).toList();
        assertThat(wallClock).doesNotHaveDuplicates()
                .allSatisfy(time -> assertThat(time.getMinute() % 15).isZero())
                .allSatisfy(time -> assertThat(time.getSecond()).isZero());
        assertThat(wallClock.stream().filter(time -> time.toLocalDate().equals(transitionDay)))
                .hasSize(firesOnTransitionDay);
        assertThat(wallClock.stream().filter(time -> !time.toLocalDate().equals(transitionDay)))
                .as("the days around the transition keep their usual count")
                .hasSize(expression.equals(HOURLY) ? 2 * 24 : 2 * 96);
    }

    /** The fires of a task created at the start of the day before {@code day}, over {@code days} days. */
    private static List<Instant> firesAround(String expression, ZoneId zone, LocalDate day, int days) {
        CronSchedule schedule = new CronSchedule(expression, zone, Optional.empty());
        Instant from = day.minusDays(1).atStartOfDay(zone).toInstant();
        Instant until = day.minusDays(1).plusDays(days).atStartOfDay(zone).toInstant();
        List<Instant> fires = new ArrayList<>();
        Optional<Instant> fire = schedule.firstFire(from);
        while (fire.isPresent() && fire.get().isBefore(until)) {
            fires.add(fire.get());
            fire = schedule.nextFireAfter(fire.get(), fire.get().plus(HANDLING_DELAY)); // each handled a little late
        }
        return fires;
    }

    private static LocalDateTime local(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone);
    }
}
