package com.coze.timer.timefix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class YearRepairTest {

    private final YearRepair repair = new YearRepair(2024, 2023);

    @Test
    void aYearAfterTheThresholdBecomesTheTargetYearKeepingEverythingElse() {
        LocalDateTime wrong = LocalDateTime.of(2025, 7, 14, 9, 30, 5, 123_000_000);

        assertThat(repair.repair(wrong)).contains(
                new YearRepair.Repaired(LocalDateTime.of(2023, 7, 14, 9, 30, 5, 123_000_000), false));
    }

    @Test
    void millisecondsSurviveTheRepair() {
        LocalDateTime wrong = LocalDateTime.of(2031, 12, 31, 23, 59, 59, 999_000_000);

        assertThat(repair.repair(wrong).orElseThrow().value().getNano()).isEqualTo(999_000_000);
    }

    @Test
    void leapDayBecomes28FebruaryInACommonYearAndSaysSo() {
        LocalDateTime leapDay = LocalDateTime.of(2028, 2, 29, 12, 0, 0, 500_000_000);

        YearRepair.Repaired repaired = repair.repair(leapDay).orElseThrow();

        assertThat(repaired.value()).isEqualTo(LocalDateTime.of(2023, 2, 28, 12, 0, 0, 500_000_000));
        assertThat(repaired.leapDayClamped()).isTrue();
    }

    @Test
    void leapDayStaysInALeapTargetYear() {
        YearRepair toLeapYear = new YearRepair(2024, 2024);

        YearRepair.Repaired repaired = toLeapYear.repair(LocalDateTime.of(2028, 2, 29, 0, 0)).orElseThrow();

        assertThat(repaired.value()).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(repaired.leapDayClamped()).isFalse();
    }

    @Test
    void aYearAtTheThresholdIsLeftAlone() {
        assertThat(repair.repair(LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_000_000))).isEmpty();
        assertThat(repair.repair(LocalDateTime.of(2023, 1, 1, 0, 0))).isEmpty();
    }

    @Test
    void noValueNeedsNoRepair() {
        assertThat(repair.isWrong(null)).isFalse();
        assertThat(repair.repair(null)).isEmpty();
    }

    @Test
    void theFirstWrongMomentIsNewYearAfterTheThreshold() {
        assertThat(repair.firstWrongMoment()).isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 0));
    }

    @Test
    void aTargetYearAfterTheThresholdIsRefusedBecauseItWouldBeFoundWrongAgain() {
        assertThatThrownBy(() -> new YearRepair(2024, 2025))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025")
                .hasMessageContaining("2024");
    }
}
