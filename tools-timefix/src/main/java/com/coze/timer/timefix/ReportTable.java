package com.coze.timer.timefix;

import com.coze.timer.timefix.RepairPlan.Cell;
import com.coze.timer.timefix.RepairPlan.Row;
import com.coze.timer.timefix.RepairPlan.TaskTimes;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain-text tables for the terminal: one line per changed cell, columns padded to line up. The
 * plan table shows old and new values; the result table shows the values read back after writing.
 */
final class ReportTable {

    static final String LEAP_DAY_NOTE = "29 Feb → 28 Feb";
    static final String STILL_WRONG_NOTE = "STILL WRONG";
    static final String DELETED_NOTE = "task deleted since";

    private ReportTable() {
    }

    /** Task id, column, old value, new value and a note for every cell the plan changes. */
    static String plan(RepairPlan plan) {
        List<List<String>> lines = new ArrayList<>();
        for (Row row : plan.rows()) {
            for (Cell cell : row.cells()) {
                lines.add(List.of(row.taskId(), cell.column().sqlName(), DateTimeText.of(cell.oldValue()),
                        DateTimeText.of(cell.newValue()), cell.leapDayClamped() ? LEAP_DAY_NOTE : ""));
            }
        }
        return render(List.of("TASK ID", "COLUMN", "OLD VALUE", "NEW VALUE", "NOTE"), lines);
    }

    /** "2 rows affected, 3 cells to change", plus how many leap days were clamped, if any. */
    static String summary(RepairPlan plan) {
        String counts = count(plan.rows().size(), "row") + " affected, " + count(plan.cellCount(), "cell") + " to change";
        int leapDays = plan.leapDayCount();
        return leapDays == 0 ? counts : counts + " (" + leapDays + " × " + LEAP_DAY_NOTE + ")";
    }

    /** Task id, column and the value now, for the cells the plan changed, read back after writing. */
    static String result(RepairPlan plan, List<TaskTimes> readBack, YearRepair years) {
        Map<String, TaskTimes> byId = readBack.stream().collect(Collectors.toMap(TaskTimes::taskId, task -> task));
        List<List<String>> lines = new ArrayList<>();
        for (Row row : plan.rows()) {
            TaskTimes now = byId.get(row.taskId());
            for (Cell cell : row.cells()) {
                LocalDateTime value = now == null ? null : now.values().get(cell.column());
                String note = now == null ? DELETED_NOTE : years.isWrong(value) ? STILL_WRONG_NOTE : "";
                lines.add(List.of(row.taskId(), cell.column().sqlName(), DateTimeText.of(value), note));
            }
        }
        return render(List.of("TASK ID", "COLUMN", "VALUE NOW", "NOTE"), lines);
    }

    /** {@code 1 row}, {@code 2 rows}. */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    private static String render(List<String> headers, List<List<String>> lines) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(lines);
        for (List<String> line : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        all.forEach(line -> text.append(format(line, widths)).append('\n'));
        return text.toString();
    }

    private static String format(List<String> line, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            text.append(i == widths.length - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
        }
        return text.toString().stripTrailing();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
