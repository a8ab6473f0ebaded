package com.coze.timer.timefix;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one run looks at and what it does to it: which years are wrong and what they become, which
 * columns are checked, and optionally a single task or a single user's tasks.
 *
 * @param years    the year rule
 * @param columns  the columns to check, never empty; iterated in table order
 * @param taskId   only this task, or {@code null} for any task
 * @param userId   only this user's tasks, or {@code null} for any user
 */
record RepairScope(YearRepair years, Set<TimeColumn> columns, String taskId, Long userId) {

    /** MySQL's DATETIME holds the years 1000 to 9999. */
    private static final int FIRST_YEAR = 1000;
    private static final int LAST_YEAR = 9999;

    RepairScope {
        if (years.targetYear() < FIRST_YEAR || years.targetYear() > LAST_YEAR) {
            throw new IllegalArgumentException("--year must be between " + FIRST_YEAR + " and " + LAST_YEAR
                    + " (the range of a DATETIME), not " + years.targetYear());
        }
        if (years.wrongAfter() >= LAST_YEAR) {
            throw new IllegalArgumentException("--wrong-after must be before " + LAST_YEAR
                    + ", or no DATETIME could have a wrong year");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("--columns names no column");
        }
        columns = Collections.unmodifiableSet(EnumSet.copyOf(columns));
    }
}
