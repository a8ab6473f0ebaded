package com.coze.timer.application.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.RecordedFireTotals;
import com.coze.timer.application.port.in.ViewRecentMetrics.RecentMetrics;
import com.coze.timer.application.port.in.ViewRecentMetrics.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentFireMetricsTest {

    private final ManualClock clock = ManualClock.at("2026-12-01T10:00:00Z");
    private final RecordedFireTotals histogram = new RecordedFireTotals(1, 2.5, 5, 10, 25, 50, 100);
    private final RecentFireMetrics recent = new RecentFireMetrics(histogram, clock);

    @Test
    void beforeTwoSamplesThereIsNoStepAndNoLastMinute() {
        assertThat(recent.recent().steps()).isEmpty();
        recent.sample();
        RecentMetrics metrics = recent.recent();
        assertThat(metrics.steps()).isEmpty();
        assertThat(metrics.lastMinute()).isEmpty();
        assertThat(metrics.step()).isEqualTo(Duration.ofSeconds(5));
        assertThat(metrics.window()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aStepHasTheFiresPerSecondAndTheLatenessQuantilesOfTheFiresBetweenItsSamples() {
        histogram.fire(3, 100); // before the first sample: not in any step
        recent.sample();
        clock.advance(Duration.ofSeconds(5));
        histogram.fire(3, 5);
        histogram.fire(20, 5);
        recent.sample();

        Step step = recent.recent().steps().getFirst();
        assertThat(step.at()).isEqualTo(Instant.parse("2026-12-01T10:00:05Z"));
        assertThat(step.firesPerSecond()).isEqualTo(2.0);
        // rank 5 of 10 ends the (2.5, 5] bucket; rank 9.9 is 98 % into the (10, 25] bucket
        assertThat(step.latenessP50Ms()).hasValue(5.0);
        assertThat(step.latenessP99Ms().getAsDouble()).isCloseTo(24.7, within(1e-9));
    }

    @Test
    void aStepWithoutFiresHasNoQuantiles() {
        recent.sample();
        clock.advance(Duration.ofSeconds(5));
        recent.sample();

        Step step = recent.recent().steps().getFirst();
        assertThat(step.firesPerSecond()).isZero();
        assertThat(step.latenessP50Ms()).isEmpty();
        assertThat(step.latenessP99Ms()).isEmpty();
    }

    @Test
    void aFireLaterThanTheLastBoundCountsAsTheLastBound() {
        recent.sample();
        clock.advance(Duration.ofSeconds(5));
        histogram.fire(5000, 1);
        recent.sample();

        assertThat(recent.recent().steps().getFirst().latenessP99Ms()).hasValue(100.0);
    }

    @Test
    void theRingKeepsTheLastFifteenMinutesAndNoMore() {
        for (int i = 0; i < 300; i++) {
            histogram.fire(1, 5);
            recent.sample();
            clock.advance(Duration.ofSeconds(5));
        }

        List<Step> steps = recent.recent().steps();
        assertThat(steps).hasSize(180);
        Instant last = Instant.parse("2026-12-01T10:00:00Z").plus(Duration.ofSeconds(5 * 299));
        assertThat(steps.getLast().at()).isEqualTo(last);
        assertThat(steps.getFirst().at()).isEqualTo(last.minus(Duration.ofMinutes(15)).plusSeconds(5));
        assertThat(steps).allSatisfy(step -> assertThat(step.firesPerSecond()).isEqualTo(1.0));
    }

    @Test
    void theLastMinuteSpansTheSamplesOfTheLastSixtySeconds() {
        recent.sample();
        for (int i = 0; i < 24; i++) { // two minutes: 1 fire a step, then 10 fires a step
            clock.advance(Duration.ofSeconds(5));
            histogram.fire(i < 12 ? 1 : 40, i < 12 ? 1 : 10);
            recent.sample();
        }

        Step lastMinute = recent.recent().lastMinute().orElseThrow();
        assertThat(lastMinute.at()).isEqualTo(Instant.parse("2026-12-01T10:02:00Z"));
        assertThat(lastMinute.firesPerSecond()).isEqualTo(2.0);
        assertThat(lastMinute.latenessP50Ms().getAsDouble()).isBetween(25.0, 50.0);
    }

    @Test
    void withTwoSamplesLessThanAMinuteApartTheLastMinuteIsTheLastStep() {
        recent.sample();
        clock.advance(Duration.ofSeconds(5));
        histogram.fire(1, 10);
        recent.sample();

        assertThat(recent.recent().lastMinute()).contains(recent.recent().steps().getLast());
    }
}
