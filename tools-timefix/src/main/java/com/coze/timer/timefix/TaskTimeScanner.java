package com.coze.timer.timefix;

import com.coze.timer.timefix.RepairPlan.TaskTimes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the time columns of {@code tasks} rows. DATETIME values are read as {@link LocalDateTime},
 * exactly as stored: no time zone is applied on the way in, so none can shift them.
 */
final class TaskTimeScanner {

    private final Connection connection;

    TaskTimeScanner(Connection connection) {
        this.connection = connection;
    }

    /** The tasks in {@code scope} with a wrong year in at least one selected column, by task id. */
    List<TaskTimes> findWrong(RepairScope scope) throws SQLException {
        String anyWrong = scope.columns().stream()
                .map(column -> column.sqlName() + " >= ?")
                .collect(Collectors.joining(" OR "));
        StringBuilder sql = new StringBuilder(select(scope.columns()))
                .append(" WHERE (").append(anyWrong).append(')');
        List<Object> parameters = new ArrayList<>();
        scope.columns().forEach(column -> parameters.add(scope.years().firstWrongMoment()));
        if (scope.taskId() != null) {
            sql.append(" AND task_id = ?");
            parameters.add(scope.taskId());
        }
        if (scope.userId() != null) {
            sql.append(" AND user_id = ?");
            parameters.add(scope.userId());
        }
        return query(sql.append(" ORDER BY task_id").toString(), parameters, scope.columns());
    }

    /** The current values of {@code columns} in the tasks {@code taskIds}, by task id. */
    List<TaskTimes> read(Collection<String> taskIds, Collection<TimeColumn> columns) throws SQLException {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        String placeholders = taskIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        String sql = select(columns) + " WHERE task_id IN (" + placeholders + ") ORDER BY task_id";
        return query(sql, List.copyOf(taskIds), columns);
    }

    private static String select(Collection<TimeColumn> columns) {
        String names = columns.stream().map(TimeColumn::sqlName).collect(Collectors.joining(", "));
        return "SELECT task_id, version, " + names + " FROM tasks";
    }

    private List<TaskTimes> query(String sql, List<Object> parameters, Collection<TimeColumn> columns)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<TaskTimes> tasks = new ArrayList<>();
                while (rows.next()) {
                    tasks.add(taskTimes(rows, columns));
                }
                return tasks;
            }
        }
    }

    private static TaskTimes taskTimes(ResultSet row, Collection<TimeColumn> columns) throws SQLException {
        Map<TimeColumn, LocalDateTime> values = new EnumMap<>(TimeColumn.class);
        for (TimeColumn column : columns) {
            values.put(column, row.getObject(column.sqlName(), LocalDateTime.class));
        }
        return new TaskTimes(row.getString("task_id"), row.getLong("version"), values);
    }
}
