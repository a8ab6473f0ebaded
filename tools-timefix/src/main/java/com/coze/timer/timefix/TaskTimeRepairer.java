package com.coze.timer.timefix;

import com.coze.timer.timefix.RepairPlan.Cell;
import com.coze.timer.timefix.RepairPlan.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * Writes a {@link RepairPlan} in one transaction: all rows change, or none does.
 *
 * <p>Time passes between listing the rows and writing them (someone reads the report and
 * confirms), and the service may change a task meanwhile. So every update is guarded: it applies
 * only while the row still has the version and the old values that were listed, and it moves the
 * version forward so that the service's optimistic lock notices the repair. If any guard fails,
 * the whole transaction is rolled back and the conflicting task is named.
 *
 * <p>Values are written as the text of their wall time with milliseconds ({@link DateTimeText}),
 * without a time-zone conversion: as {@link java.time.LocalDateTime} the driver would drop the
 * milliseconds on MariaDB 10.x, which announces itself as version 5.5.5.
 */
final class TaskTimeRepairer {

    /** How a write ended. */
    sealed interface Outcome {
        /** Every row of the plan was changed and the transaction committed. */
        record Committed(int rows) implements Outcome {
        }

        /** {@code taskId} changed after it was listed; everything was rolled back. */
        record ConcurrentChange(String taskId) implements Outcome {
        }
    }

    private final Connection connection;

    TaskTimeRepairer(Connection connection) {
        this.connection = connection;
    }

    /** Applies {@code plan}; on a conflict or any failure nothing is written. */
    Outcome apply(RepairPlan plan) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Row row : plan.rows()) {
                if (!update(row)) {
                    connection.rollback();
                    return new Outcome.ConcurrentChange(row.taskId());
                }
            }
            connection.commit();
            return new Outcome.Committed(plan.rows().size());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Updates one row if it is still as listed; false when the guard found it changed. */
    private boolean update(Row row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(guardedUpdate(row))) {
            int index = 1;
            for (Cell cell : row.cells()) {
                statement.setString(index++, DateTimeText.of(cell.newValue())); // text keeps the milliseconds on MariaDB 10.x
            }
            statement.setString(index++, row.taskId());
            statement.setLong(index++, row.version());
            for (Cell cell : row.cells()) {
                statement.setString(index++, DateTimeText.of(cell.oldValue()));
            }
            return statement.executeUpdate() == 1;
        }
    }

    private static String guardedUpdate(Row row) {
        String assignments = row.cells().stream()
                .map(cell -> cell.column().sqlName() + " = ?")
                .collect(Collectors.joining(", "));
        String oldValues = row.cells().stream()
                .map(cell -> " AND " + cell.column().sqlName() + " = ?")
                .collect(Collectors.joining());
        return "UPDATE tasks SET " + assignments + ", version = version + 1"
                + " WHERE task_id = ? AND version = ?" + oldValues;
    }
}
