package com.coze.timer.timefix;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: a {@code tasks} row built with sensible values and inserted with plain JDBC. */
final class TaskRow {

    static final LocalDateTime GOOD_TIME = LocalDateTime.of(2023, 6, 1, 8, 0, 0, 250_000_000);

    private final String taskId;
    private long userId = 1;
    private long version = 0;
    private LocalDateTime startTime = GOOD_TIME;
    private LocalDateTime nextRunTime = GOOD_TIME;
    private LocalDateTime createdAt = GOOD_TIME;
    private LocalDateTime updatedAt = GOOD_TIME;

    private TaskRow(String taskId) {
        this.taskId = taskId;
    }

    static TaskRow aTask(String taskId) {
        return new TaskRow(taskId);
    }

    TaskRow user(long id) {
        userId = id;
        return this;
    }

    TaskRow version(long value) {
        version = value;
        return this;
    }

    TaskRow startTime(LocalDateTime value) {
        startTime = value;
        return this;
    }

    TaskRow nextRunTime(LocalDateTime value) {
        nextRunTime = value;
        return this;
    }

    TaskRow createdAt(LocalDateTime value) {
        createdAt = value;
        return this;
    }

    TaskRow updatedAt(LocalDateTime value) {
        updatedAt = value;
        return this;
    }

    void insert(Connection connection) throws SQLException {
        String sql = "INSERT INTO tasks (task_id, user_id, type, status, http_endpoint, http_method,"
                + " interval_seconds, slot, version, start_time, next_run_time, created_at, updated_at)"
                + " VALUES (?, ?, 'interval', 'pending', 'https://example.test/hook', 'POST', 60, 3, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, taskId);
            insert.setLong(2, userId);
            insert.setLong(3, version);
            insert.setObject(4, startTime);
            insert.setObject(5, nextRunTime);
            insert.setObject(6, createdAt);
            insert.setObject(7, updatedAt);
            insert.executeUpdate();
        }
    }

    /** Every column of every task, by task id, to compare whole rows before and after. */
    static Map<String, Map<String, Object>> snapshot(Connection connection) throws SQLException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM tasks ORDER BY task_id");
             ResultSet result = select.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), value(result, meta, i));
                }
                rows.put(result.getString("task_id"), row);
            }
        }
        return rows;
    }

    private static Object value(ResultSet result, ResultSetMetaData meta, int column) throws SQLException {
        return meta.getColumnTypeName(column).startsWith("DATETIME")
                ? result.getObject(column, LocalDateTime.class)
                : result.getObject(column);
    }

    /** {@code row} with {@code changes} applied: what a row should look like after a change. */
    static Map<String, Object> with(Map<String, Object> row, Map<String, Object> changes) {
        Map<String, Object> changed = new LinkedHashMap<>(row);
        changed.putAll(changes);
        return changed;
    }

    /** The statements of an SQL script written one per line, without comments. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        for (String line : script.split(";\n")) {
            String statement = line.lines().filter(l -> !l.startsWith("--")).reduce("", String::concat).strip();
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return statements;
    }
}
