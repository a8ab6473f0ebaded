package com.coze.timer.persistence;

import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.TaskId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.OptionalInt;

/**
 * {@link ExecutionLog} on the {@code task_logs} table: one row per execution, numbered by the
 * auto-increment {@code log_id}, which also orders a task's history (newest first) and serves as
 * the paging cursor ({@code before}). Reads go through {@code idx_task_logs_task (task_id, log_id)}.
 */
final class JdbcExecutionLog implements ExecutionLog {

    private static final String COLUMNS = "execution_id, task_id, user_id, scheduled_time, started_at, duration_ms, "
            + "http_status, response_body, attempts, outcome, error, redrive";
    static final String INSERT = "INSERT INTO task_logs (" + COLUMNS + ", created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** {@link #INSERT} only while the task exists: its 14th parameter is the task id again. */
    static final String INSERT_IF_TASK_EXISTS = "INSERT INTO task_logs (" + COLUMNS + ", created_at)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE EXISTS (SELECT 1 FROM tasks WHERE task_id = ?)";
    /** The index of the task id parameter of {@link #INSERT_IF_TASK_EXISTS}. */
    static final int GUARD_TASK_ID = 14;

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcExecutionLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public ExecutionRecord append(ExecutionRecord record) {
        return jdbc.run("logging execution " + record.executionId() + " of task " + record.taskId(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                bind(insert, record);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    if (!key.next()) {
                        throw new SQLException("no log_id was generated");
                    }
                    return record.withLogId(key.getLong(1));
                }
            }
        });
    }

    @Override
    public List<ExecutionRecord> recent(TaskId taskId, int limit, Optional<Long> beforeLogId) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, not " + limit);
        }
        String sql = "SELECT log_id, " + COLUMNS + " FROM task_logs WHERE task_id = ?"
                + (beforeLogId.isPresent() ? " AND log_id < ?" : "") + " ORDER BY log_id DESC LIMIT ?";
        return jdbc.run("reading the executions of task " + taskId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int i = 1;
                query.setString(i++, taskId.toString());
                if (beforeLogId.isPresent()) {
                    query.setLong(i++, beforeLogId.get());
                }
                query.setInt(i, limit);
                return readAll(query);
            }
        });
    }

    /** Binds the 13 parameters of {@link #INSERT}. */
    void bind(PreparedStatement insert, ExecutionRecord record) throws SQLException {
        insert.setString(1, record.executionId());
        insert.setString(2, record.taskId().toString());
        insert.setLong(3, record.userId());
        Jdbc.setInstant(insert, 4, record.scheduledTime());
        Jdbc.setInstant(insert, 5, record.startedAt());
        insert.setLong(6, record.durationMs());
        insert.setObject(7, record.httpStatus().isPresent() ? record.httpStatus().getAsInt() : null, Types.INTEGER);
        insert.setString(8, record.responseBody().orElse(null));
        insert.setInt(9, record.attempts());
        insert.setString(10, record.outcome().wire());
        insert.setString(11, record.error().orElse(null));
        insert.setBoolean(12, record.redrive());
        Jdbc.setInstant(insert, 13, clock.instant());
    }

    private static List<ExecutionRecord> readAll(PreparedStatement query) throws SQLException {
        List<ExecutionRecord> records = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                records.add(read(row));
            }
        }
        return records;
    }

    /**
     * {@link #read}'s columns of a {@code task_logs} row aliased {@code l}, joined to its task: all but
     * {@code task_id} and {@code user_id}, which the task's row carries under the same names.
     */
    static final String JOINED_COLUMNS = "l.log_id, " + Arrays.stream(COLUMNS.split(", "))
            .filter(column -> !column.equals("task_id") && !column.equals("user_id"))
            .map(column -> "l." + column).collect(Collectors.joining(", "));

    /**
     * Joins task_logs as {@code l} to the tasks of {@code taskAlias}: each task's latest execution,
     * the largest log id through {@code idx_task_logs_task}, or NULLs for a task that never ran.
     */
    static String latestJoin(String taskAlias) {
        return " LEFT JOIN task_logs l ON l.log_id = (SELECT MAX(m.log_id) FROM task_logs m WHERE m.task_id = "
                + taskAlias + ".task_id)";
    }

    /** The execution of a row holding {@link #JOINED_COLUMNS} (and the task's id and user), if it has one. */
    static Optional<ExecutionRecord> readJoined(ResultSet row) throws SQLException {
        return row.getObject("log_id") == null ? Optional.empty() : Optional.of(read(row));
    }

    private static ExecutionRecord read(ResultSet row) throws SQLException {
        int status = row.getInt("http_status");
        OptionalInt httpStatus = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
        String id = row.getString("task_id");
        TaskId taskId = TaskId.parse(id).orElseThrow(() -> new IllegalStateException("task_logs.task_id is not a UUID: " + id));
        return new ExecutionRecord(row.getLong("log_id"), row.getString("execution_id"), taskId, row.getLong("user_id"),
                Jdbc.requiredInstant(row, "scheduled_time"), Jdbc.requiredInstant(row, "started_at"),
                row.getLong("duration_ms"), httpStatus, Optional.ofNullable(row.getString("response_body")),
                row.getInt("attempts"), ExecutionOutcome.fromWire(row.getString("outcome")),
                Optional.ofNullable(row.getString("error")), row.getBoolean("redrive"));
    }
}
