package com.coze.timer.persistence;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.task.TaskStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TaskQueries} on the {@code tasks} table. A user's listing starts with {@code user_id = ?}:
 * with {@code status = ?}, the prefix of {@code idx_tasks_user_status (user_id, status, created_at)},
 * without, of {@code idx_tasks_user_created (user_id, created_at)}; a listing over all users reads
 * {@code idx_tasks_status_created} or {@code idx_tasks_created}. A listing is ordered newest first by {@code created_at DESC, task_id
 * DESC}: InnoDB appends the primary key to every secondary index, so that order is the index's own,
 * read backwards, and ties between equal creation times still page deterministically, by offset or
 * by cursor ({@link Where#after}). A listing reads its lines without the sealed columns
 * ({@link TaskSummary}), each with its latest execution, in the same statement.
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
    public List<TaskSummary> list(TaskFilter filter, Optional<TaskCursor> after, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, not " + limit + " and " + offset);
        }
        Where where = Where.of(filter).after(after);
        String sql = listSql(where);
        return jdbc.run("listing tasks", connection -> {
            try (PreparedStatement list = connection.prepareStatement(sql)) {
                int next = where.bind(list);
                list.setInt(next, limit);
                list.setInt(next + 1, offset);
                return rows.readSummaries(list);
            }
        });
    }

    @Override
    public long count(TaskFilter filter) {
        Where where = Where.of(filter);
        return jdbc.run("counting tasks", connection -> {
            try (PreparedStatement count = connection.prepareStatement(countSql(where))) {
                where.bind(count);
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

    /**
     * The page's listing lines, each joined to its latest execution: read in the listing's index
     * order, so the join runs for the page's rows only and nothing is sorted or materialised.
     */
    static String listSql(Where where) {
        return "SELECT t." + TaskRows.SUMMARY_COLUMNS.replace(", ", ", t.") + ", " + JdbcExecutionLog.JOINED_COLUMNS
                + " FROM tasks t" + JdbcExecutionLog.latestJoin("t") + where.sqlOn("t")
                + " ORDER BY t.created_at DESC, t.task_id DESC LIMIT ? OFFSET ?";
    }

    static String countSql(Where where) {
        return "SELECT COUNT(*) FROM tasks" + where.sql();
    }

    private static long single(PreparedStatement count) throws SQLException {
        try (ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
