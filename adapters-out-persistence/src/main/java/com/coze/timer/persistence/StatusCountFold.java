package com.coze.timer.persistence;

import com.coze.timer.domain.task.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Tasks by status from V17's tables: the changes the triggers appended since the last read are
 * folded into {@code task_status_counts}, in one transaction, and the totals read. Folds queue on
 * the count rows (locked first), so two instances never fold the same change twice. The changes
 * are read at READ COMMITTED with record locks only: a change not yet committed whose id is below
 * the last committed one is waited for, and no gap is locked, so the writers appending after it
 * never wait for a fold. Stateless.
 */
final class StatusCountFold {

    private static final String LOCK_COUNTS = "SELECT status FROM task_status_counts FOR UPDATE";
    private static final String LAST_CHANGE = "SELECT MAX(change_id) FROM task_status_changes";
    private static final String CHANGES = "SELECT status, delta FROM task_status_changes WHERE change_id <= ? FOR UPDATE";
    private static final String DELETE_CHANGES = "DELETE FROM task_status_changes WHERE change_id <= ?";
    private static final String ADD = "INSERT INTO task_status_counts (status, total) VALUES (?, ?)"
            + " ON DUPLICATE KEY UPDATE total = total + VALUES(total)";
    private static final String TOTALS = "SELECT status, total FROM task_status_counts";

    private StatusCountFold() {
    }

    /** Folds and reads, on {@code connection} in a transaction that has run nothing yet. */
    static Map<TaskStatus, Long> foldAndRead(Connection connection) throws SQLException {
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // the pool resets it
        try (PreparedStatement lock = connection.prepareStatement(LOCK_COUNTS); ResultSet ignored = lock.executeQuery();
             PreparedStatement last = connection.prepareStatement(LAST_CHANGE); ResultSet max = last.executeQuery()) {
            max.next();
            long upTo = max.getLong(1);
            if (!max.wasNull()) {
                fold(connection, upTo);
            }
        }
        Map<TaskStatus, Long> totals = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            totals.put(status, 0L);
        }
        try (PreparedStatement read = connection.prepareStatement(TOTALS); ResultSet row = read.executeQuery()) {
            while (row.next()) {
                totals.put(TaskStatus.fromWire(row.getString(1), "status"), row.getLong(2));
            }
        }
        return totals;
    }

    private static void fold(Connection connection, long upTo) throws SQLException {
        Map<String, Long> sums = new java.util.HashMap<>();
        try (PreparedStatement changes = connection.prepareStatement(CHANGES)) {
            changes.setLong(1, upTo);
            try (ResultSet row = changes.executeQuery()) {
                while (row.next()) {
                    sums.merge(row.getString(1), row.getLong(2), Long::sum);
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_CHANGES); PreparedStatement add = connection.prepareStatement(ADD)) {
            delete.setLong(1, upTo);
            delete.executeUpdate();
            for (Map.Entry<String, Long> sum : sums.entrySet()) {
                add.setString(1, sum.getKey());
                add.setLong(2, sum.getValue());
                add.addBatch();
            }
            add.executeBatch();
        }
    }
}
