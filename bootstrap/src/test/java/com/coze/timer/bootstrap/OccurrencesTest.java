package com.coze.timer.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.bootstrap.CallbackReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OccurrencesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Instant GRID = Instant.parse("2026-12-01T14:57:00.304Z");

    @Test
    void anOccurrenceInTheWindowsFirstMillisecondIsExpectedAndCounted() {
        List<Received> fires = List.of(fire(0), fire(1), fire(2), fire(3));
        Instant from = GRID.plusSeconds(1).plusNanos(400_000); // 0.4 ms after the second occurrence

        Occurrences result = Occurrences.in(fires, List.of("t"), SECOND, from, from.plusSeconds(2));

        assertThat(result.expected()).isEqualTo(2);
        assertThat(result.executed()).isEqualTo(2);
        assertThat(result.missed()).isZero();
    }

    @Test
    void anOccurrenceInTheWindowsLastMillisecondIsOutsideIt() {
        List<Received> fires = List.of(fire(0), fire(1), fire(2), fire(3));
        Instant to = GRID.plusSeconds(3).plusNanos(400_000);

        Occurrences result = Occurrences.in(fires, List.of("t"), SECOND, GRID.plusSeconds(1), to);

        assertThat(result.expected()).isEqualTo(2);
        assertThat(result.executed()).isEqualTo(2);
    }

    @Test
    void anOccurrenceThatNeverCameIsMissedAndNamed() {
        List<Received> fires = List.of(fire(0), fire(1), fire(3));

        Occurrences result = Occurrences.in(fires, List.of("t"), SECOND, GRID, GRID.plusSeconds(4));

        assertThat(result.missed()).isEqualTo(1);
        assertThat(result.notFired()).containsExactly("t@" + GRID.plusSeconds(2));
    }

    private static Received fire(int second) {
        Instant scheduled = GRID.plusSeconds(second);
        return new Received("/cb", "t", "e" + second, scheduled, scheduled.plusMillis(2), "{}", Map.of());
    }
}
