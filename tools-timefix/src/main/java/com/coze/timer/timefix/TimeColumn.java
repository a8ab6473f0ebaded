package com.coze.timer.timefix;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The four {@code tasks} columns that can carry a wrong year. The tool touches no other column,
 * except {@code version}, which every repaired row moves forward so that the service's optimistic
 * lock notices the change.
 */
enum TimeColumn {
    START_TIME("start_time"),
    NEXT_RUN_TIME("next_run_time"),
    CREATED_AT("created_at"),
    UPDATED_AT("updated_at");

    private final String sqlName;

    TimeColumn(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The column's name in the {@code tasks} table. */
    String sqlName() {
        return sqlName;
    }

    /** The column called {@code name} (as in the table, any case), or an exception naming the bad value. */
    static TimeColumn named(String name) {
        return Arrays.stream(values())
                .filter(column -> column.sqlName.equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown column '" + name + "' (choose from " + allNames() + ")"));
    }

    /** All column names, comma-separated, for help and error messages. */
    static String allNames() {
        return Arrays.stream(values()).map(TimeColumn::sqlName).collect(Collectors.joining(", "));
    }
}
