package com.coze.timer.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnceScheduleTest {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");

    @Test
    void givenAStartTimeInTheFuture_thenItFiresAtTheStartTime() {
        Instant at = Instant.parse("2026-04-22T10:00:20Z");

        assertThat(new OnceSchedule(Optional.of(at)).firstFire(NOW)).contains(at);
    }

    @Test
    void givenNoStartTime_thenItFiresNow() {
        assertThat(new OnceSchedule(Optional.empty()).firstFire(NOW)).contains(NOW);
    }

    @Test
    void givenANullStartTime_thenItFiresNow() {
        assertThat(new OnceSchedule(null).firstFire(NOW)).contains(NOW);
    }

    @Test
    void givenAStartTimeInThePast_thenItFiresNow() {
        assertThat(new OnceSchedule(Optional.of(NOW.minusSeconds(86_400))).firstFire(NOW)).contains(NOW);
    }

    @Test
    void afterItsFire_thenThereIsNoNextFire() {
        OnceSchedule once = new OnceSchedule(Optional.of(NOW));

        assertThat(once.nextFireAfter(NOW, NOW)).isEmpty();
        assertThat(once.nextFireAfter(NOW, NOW.plusSeconds(3600))).isEmpty();
    }

    @Test
    void isAOnceSchedule() {
        assertThat(new OnceSchedule(Optional.empty()).type()).isEqualTo(ScheduleType.ONCE);
    }
}
