package com.coze.timer.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What storage says of an occurrence a scenario missed ({@code taskId@scheduledTime}, as
 * {@link Occurrences} names them): the task's fire columns now, and the executions logged within
 * three seconds of it, so that a failed scenario's report shows where the fire went.
 */
public final class MissedFireTrace {

    private static final String TASK = "SELECT slot, version, next_run_time, fire_execution_id, fire_scheduled_time, fire_lease_until, "
            + "fire_owner, skipped_count, last_skip_reason, last_skip_time FROM tasks WHERE task_id = ?";
    private static final String LOGS = "SELECT scheduled_time, started_at, outcome, attempts, execution_id, created_at FROM task_logs "
            + "WHERE task_id = ? AND scheduled_time BETWEEN ? AND ? ORDER BY scheduled_time, log_id";

    private MissedFireTrace() {
    }

    static List<String> of(ClusterServers servers, List<String> notFired) {
        return of(servers.dbUrl(), servers.dbUser(), servers.dbPassword(), notFired);
    }

    /** The same, read from the database at {@code url}. */
    public static List<String> of(String url, String user, String password, List<String> notFired) {
        List<String> lines = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            for (String occurrence : notFired.stream().limit(3).toList()) {
                String taskId = occurrence.substring(0, occurrence.indexOf('@'));
                Instant at = Instant.parse(occurrence.substring(occurrence.indexOf('@') + 1));
                lines.add(occurrence + " task now: " + rows(db, TASK, taskId, null) + "; logged near it: "
                        + rows(db, LOGS, taskId, at));
            }
        } catch (SQLException e) {
            lines.add("storage could not be read: " + e.getMessage());
        }
        return lines;
    }

    private static List<String> rows(Connection db, String sql, String taskId, Instant at) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, taskId);
            if (at != null) {
                query.setTimestamp(2, Timestamp.from(at.minusSeconds(3)));
                query.setTimestamp(3, Timestamp.from(at.plusSeconds(3)));
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                int columns = row.getMetaData().getColumnCount();
                while (row.next()) {
                    StringBuilder line = new StringBuilder("[");
                    for (int i = 1; i <= columns; i++) {
                        line.append(i > 1 ? " " : "").append(row.getMetaData().getColumnLabel(i)).append('=').append(row.getString(i));
                    }
                    rows.add(line.append(']').toString());
                }
            }
            return rows;
        }
    }
}
