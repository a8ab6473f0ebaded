package com.coze.timer.persistence;

import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TaskQueries} on the {@code tasks} table. Every query starts with {@code user_id = ?} (and
 * {@code status = ?} when filtered), the prefix of {@code idx_tasks_user_status (user_id, status,
 * created_at)}. A listing is ordered newest first by {@code created_at DESC, task_id DESC}: InnoDB
 * appends the primary key to every secondary index, so with a status filter that order is the
 * index's own, read backwards, and ties between equal creation times still page deterministically.
 *
 * <p>{@link #countByStatus()} groups over all users: it reads the whole (covering) user/status index,
 * so callers poll it every few seconds at most, not per request.
 */
final class JdbcTaskQueries implements TaskQueries {

    private static final String ACTIVE = "'" + TaskStatus.PENDING.wire() + "', '" + TaskStatus.RUNNING.wire() + "'";
    static final String COUNT_ACTIVE = "SELECT COUNT(*) FROM tasks WHERE user_id = ? AND status IN (" + ACTIVE + ")";
    static final String COUNT_BY_STATUS = "SELECT status, COUNT(*) FROM tasks GROUP BY status";

    private final Jdbc jdbc;
    private final TaskRows rows;

    JdbcTaskQueries(Jdbc jdbc, TaskRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public List<Task> listByUser(long userId, Optional<TaskStatus> status, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, not " + limit + " and " + offset);
        }
        String sql = listSql(status);
        return jdbc.run("listing the tasks of user " + userId, connection -> {
            try (PreparedStatement list = connection.prepareStatement(sql)) {
                int next = bindWhere(list, userId, status);
                list.setInt(next, limit);
                list.setInt(next + 1, offset);
                return rows.readAll(list);
            }
        });
    }

    @Override
    public long countByUser(long userId, Optional<TaskStatus> status) {
        String sql = countSql(status);
        return jdbc.run("counting the tasks of user " + userId, connection -> {
            try (PreparedStatement count = connection.prepareStatement(sql)) {
                bindWhere(count, userId, status);
                return single(count);
            }
        });
    }

    @Override
    public long countActiveByUser(long userId) {
        return jdbc.run("counting the active tasks of user " + userId, connection -> {
            try (PreparedStatement count = connection.prepareStatement(COUNT_ACTIVE)) {
                count.setLong(1, userId);
                return single(count);
            }
        });
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        return jdbc.run("counting tasks by status", connection -> {
            Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
            for (TaskStatus status : TaskStatus.values()) {
                counts.put(status, 0L);
            }
            try (PreparedStatement count = connection.prepareStatement(COUNT_BY_STATUS);
                 ResultSet row = count.executeQuery()) {
                while (row.next()) {
                    counts.put(TaskStatus.fromWire(row.getString(1), "status"), row.getLong(2));
                }
            }
            return counts;
        });
    }

    static String listSql(Optional<TaskStatus> status) {
        return "SELECT " + TaskRows.SELECT_COLUMNS + " FROM tasks" + where(status)
                + " ORDER BY created_at DESC, task_id DESC LIMIT ? OFFSET ?";
    }

    static String countSql(Optional<TaskStatus> status) {
        return "SELECT COUNT(*) FROM tasks" + where(status);
    }

    private static String where(Optional<TaskStatus> status) {
        return status.isPresent() ? " WHERE user_id = ? AND status = ?" : " WHERE user_id = ?";
    }

    /** Binds the parameters of {@link #where}; returns the next free index. */
    private static int bindWhere(PreparedStatement statement, long userId, Optional<TaskStatus> status) throws SQLException {
        statement.setLong(1, userId);
        if (status.isEmpty()) {
            return 2;
        }
        statement.setString(2, status.get().wire());
        return 3;
    }

    private static long single(PreparedStatement count) throws SQLException {
        try (ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
