package com.coze.timer.timefix;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The changes one run would make, worked out from the rows as they were read and before anything
 * is written: for every affected task the version it had and, per wrong cell, the old value and
 * the new one. The same plan drives the report, the undo file and the guarded updates, so what is
 * shown is exactly what is written and exactly what the undo file puts back.
 */
record RepairPlan(List<Row> rows) {

    /** A task as read: its id, its optimistic-lock version and the selected time columns' values. */
    record TaskTimes(String taskId, long version, Map<TimeColumn, LocalDateTime> values) {
    }

    /** The changes to one task; {@code version} is the version read, used to guard the update. */
    record Row(String taskId, long version, List<Cell> cells) {
    }

    /** One value to change. */
    record Cell(TimeColumn column, LocalDateTime oldValue, LocalDateTime newValue, boolean leapDayClamped) {
    }

    RepairPlan {
        rows = List.copyOf(rows);
    }

    /** Plans the repair of {@code tasks}; tasks with nothing wrong are left out. */
    static RepairPlan of(List<TaskTimes> tasks, YearRepair years) {
        List<Row> rows = new ArrayList<>();
        for (TaskTimes task : tasks) {
            List<Cell> cells = new ArrayList<>();
            task.values().forEach((column, value) -> years.repair(value).ifPresent(repaired ->
                    cells.add(new Cell(column, value, repaired.value(), repaired.leapDayClamped()))));
            if (!cells.isEmpty()) {
                rows.add(new Row(task.taskId(), task.version(), cells));
            }
        }
        return new RepairPlan(rows);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    int cellCount() {
        return rows.stream().mapToInt(row -> row.cells().size()).sum();
    }

    int leapDayCount() {
        return (int) rows.stream().flatMap(row -> row.cells().stream()).filter(Cell::leapDayClamped).count();
    }

    List<String> taskIds() {
        return rows.stream().map(Row::taskId).toList();
    }
}
