package com.coze.timer.persistence;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.domain.task.TaskTags;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The {@code WHERE} clause of a task listing, built from a {@link TaskFilter} (and a cursor): each
 * condition is written with its parameters beside it, so the SQL and its bindings cannot drift
 * apart. A name prefix is a {@code LIKE} on {@code idx_tasks_user_name}, case-sensitive as the
 * column's binary collation; a label is {@code JSON_CONTAINS} on the {@code labels} object (MySQL 8
 * and MariaDB alike), read row by row after the other conditions. Immutable.
 */
final class Where {

    /** Binds one parameter. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    /** Each condition's text, given the qualifier of its columns ({@code ""} or {@code "t."}). */
    private final List<UnaryOperator<String>> conditions;
    private final List<Binder> parameters;

    private Where(List<UnaryOperator<String>> conditions, List<Binder> parameters) {
        this.conditions = List.copyOf(conditions);
        this.parameters = List.copyOf(parameters);
    }

    static Where of(TaskFilter filter) {
        Where where = new Where(List.of(), List.of());
        if (filter.userId().isPresent()) {
            long userId = filter.userId().get();
            where = where.and(t -> t + "user_id = ?", (s, i) -> s.setLong(i, userId));
        }
        if (filter.status().isPresent()) {
            String status = filter.status().get().wire();
            where = where.and(t -> t + "status = ?", (s, i) -> s.setString(i, status));
        }
        if (filter.namePrefix().isPresent()) {
            String pattern = likeEscaped(filter.namePrefix().get()) + "%";
            where = where.and(t -> t + "name LIKE ? ESCAPE '!'", (s, i) -> s.setString(i, pattern));
        }
        if (filter.label().isPresent()) {
            TaskTags.Label label = filter.label().get();
            where = where.and(t -> "JSON_CONTAINS(" + t + "labels, JSON_OBJECT(?, ?))", (s, i) -> s.setString(i, label.key()),
                    (s, i) -> s.setString(i, label.value()));
        }
        return where;
    }

    /** Only the tasks after {@code cursor} in the listing order (newest first, then task id descending). */
    Where after(Optional<TaskCursor> cursor) {
        if (cursor.isEmpty()) {
            return this;
        }
        TaskCursor at = cursor.get();
        String id = at.taskId().toString();
        Binder time = (s, i) -> Jdbc.setInstant(s, i, at.createdAt());
        return and(t -> "(" + t + "created_at < ? OR (" + t + "created_at = ? AND " + t + "task_id < ?))", time, time,
                (s, i) -> s.setString(i, id));
    }

    /** {@code text} matching only itself in a {@code LIKE ... ESCAPE '!'} pattern. */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    String sql() {
        return sql("");
    }

    /** The clause on the columns of the table aliased {@code alias} (for a statement that joins other tables). */
    String sqlOn(String alias) {
        return sql(alias + ".");
    }

    private String sql(String qualifier) {
        return conditions.isEmpty() ? ""
                : " WHERE " + conditions.stream().map(condition -> condition.apply(qualifier)).collect(Collectors.joining(" AND "));
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Binder parameter : parameters) {
            parameter.bind(statement, index++);
        }
        return index;
    }

    private Where and(UnaryOperator<String> condition, Binder... binders) {
        List<UnaryOperator<String>> moreConditions = new ArrayList<>(conditions);
        moreConditions.add(condition);
        List<Binder> moreParameters = new ArrayList<>(parameters);
        moreParameters.addAll(List.of(binders));
        return new Where(moreConditions, moreParameters);
    }
}
