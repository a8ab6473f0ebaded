package com.coze.timer.persistence;

import com.coze.timer.application.port.out.LogPurging;
import com.coze.timer.domain.task.TaskId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LogPurging} on {@code task_logs}: every delete is {@code LIMIT}ed and runs in auto-commit
 * on one pooled connection, so that it holds its row locks for one small batch only. Age goes
 * through {@code idx_task_logs_created}, a task's history through {@code idx_task_logs_task}.
 */
final class JdbcLogPurging implements LogPurging {

    private static final String OVER = "SELECT task_id FROM task_logs GROUP BY task_id HAVING COUNT(*) > ? LIMIT ?";
    /** The log id of a task's {@code keep}-th newest record: everything older goes. */
    private static final String LAST_KEPT = "SELECT log_id FROM task_logs WHERE task_id = ? ORDER BY log_id DESC LIMIT 1 OFFSET ?";

    private final Jdbc jdbc;

    JdbcLogPurging(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int purgeCreatedBefore(Instant cutoff, int limit) {
        return deleteBefore(jdbc, "purging old executions", "DELETE FROM task_logs WHERE created_at < ? LIMIT ?", cutoff, limit);
    }

    /** Runs {@code sql}, a {@code DELETE} with the parameters cut-off and limit; returns the rows deleted. */
    static int deleteBefore(Jdbc jdbc, String what, String sql, Instant cutoff, int limit) {
        return jdbc.run(what, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                Jdbc.setInstant(delete, 1, cutoff);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public List<TaskId> tasksOver(int maxPerTask, int limit) {
        return jdbc.run("finding tasks over the execution cap", connection -> {
            try (PreparedStatement query = connection.prepareStatement(OVER)) {
                query.setInt(1, maxPerTask);
                query.setInt(2, limit);
                List<TaskId> over = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        over.add(TaskId.parse(row.getString(1)).orElseThrow());
                    }
                }
                return over;
            }
        });
    }

    @Override
    public int purgeBeyond(TaskId taskId, int keep, int limit) {
        return jdbc.run("purging executions of task " + taskId + " beyond the cap", connection -> {
            long lastKept;
            try (PreparedStatement query = connection.prepareStatement(LAST_KEPT)) {
                query.setString(1, taskId.toString());
                query.setInt(2, keep - 1);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return 0;
                    }
                    lastKept = row.getLong(1);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM task_logs WHERE task_id = ? AND log_id < ? ORDER BY log_id LIMIT ?")) {
                delete.setString(1, taskId.toString());
                delete.setLong(2, lastKept);
                delete.setInt(3, limit);
                return delete.executeUpdate();
            }
        });
    }
}
