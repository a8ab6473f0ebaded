package com.coze.timer.timefix;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.timefix.RepairPlan.Cell;
import com.coze.timer.timefix.RepairPlan.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoFileTest {

    @Test
    void theDefaultNameCarriesTheLocalTimeOfTheRun() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

        assertThat(UndoFile.defaultPath(clock)).isEqualTo(Path.of("timefix-undo-20260102-030405.sql"));
    }

    @Test
    void eachTaskIsOneUpdateOfItsOldValuesInsideOneTransaction() {
        RepairPlan plan = new RepairPlan(List.of(new Row("it's \\odd", 4, List.of(
                new Cell(TimeColumn.START_TIME, LocalDateTime.of(2028, 2, 29, 1, 2, 3, 4_000_000),
                        LocalDateTime.of(2023, 2, 28, 1, 2, 3, 4_000_000), true),
                new Cell(TimeColumn.UPDATED_AT, LocalDateTime.of(2025, 1, 1, 0, 0),
                        LocalDateTime.of(2023, 1, 1, 0, 0), false)))));

        assertThat(UndoFile.script(plan, "db:13306/coze_timer").lines().filter(line -> !line.startsWith("--")))
                .containsExactly(
                        "START TRANSACTION;",
                        "UPDATE tasks SET start_time = '2028-02-29 01:02:03.004', updated_at = '2025-01-01 00:00:00.000',"
                                + " version = version + 1 WHERE task_id = 'it''s \\\\odd';",
                        "COMMIT;");
    }
}
