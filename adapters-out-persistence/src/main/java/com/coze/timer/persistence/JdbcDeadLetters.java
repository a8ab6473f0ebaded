package com.coze.timer.persistence;

import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.domain.task.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link DeadLetters} on the {@code dead_letters} table. The request is stored as the task's own
 * columns are ({@link TaskRows#bindCallback}), sealed for the task id, so it opens as the task's does.
 * Listings go through {@code idx_dead_letters_user} (or {@code idx_dead_letters_failed} for all users).
 * {@code redriving_until} is set while a redrive holds the dead letter (see {@link #takeForRedrive}).
 */
final class JdbcDeadLetters implements DeadLetters {

    private static final String COLUMNS = "dead_letter_id, task_id, user_id, execution_id, scheduled_time, failed_at, attempts, "
            + "http_status, error, http_endpoint, http_method, headers_cipher, body_cipher";
    /** Inserted only while the task exists: its 14th parameter is the task id again. */
    static final String INSERT = "INSERT INTO dead_letters (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " FROM DUAL WHERE EXISTS (SELECT 1 FROM tasks WHERE task_id = ?)";
    private static final String UPDATE = "UPDATE dead_letters SET failed_at = ?, attempts = ?, http_status = ?, error = ?,"
            + " redriving_until = NULL WHERE dead_letter_id = ?";
    /** One statement: its row lock lets only one of two redrives at once find the dead letter free. */
    private static final String TAKE = "UPDATE dead_letters SET redriving_until = ?"
            + " WHERE dead_letter_id = ? AND (redriving_until IS NULL OR redriving_until <= ?)";

    private final Jdbc jdbc;
    private final TaskRows rows;

    JdbcDeadLetters(Jdbc jdbc, TaskRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** Adds the dead letters to {@code connection}'s transaction (the one recording their outcomes). */
    void insertAll(Connection connection, List<DeadLetter> deadLetters) throws SQLException {
        if (deadLetters.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (DeadLetter d : deadLetters) {
                insert.setString(1, d.deadLetterId());
                insert.setString(2, d.taskId().toString());
                insert.setLong(3, d.userId());
                insert.setString(4, d.executionId());
                Jdbc.setInstant(insert, 5, d.scheduledTime());
                bindAttempt(insert, 6, d);
                rows.bindCallback(insert, 10, d.taskId(), d.request());
                insert.setString(14, d.taskId().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public List<DeadLetter> page(Optional<Long> userId, Optional<DeadLetterCursor> after, int limit, int offset) {
        String sql = "SELECT " + COLUMNS + " FROM dead_letters WHERE TRUE" + (userId.isPresent() ? " AND user_id = ?" : "")
                + (after.isPresent() ? " AND (failed_at, dead_letter_id) < (?, ?)" : "")
                + " ORDER BY failed_at DESC, dead_letter_id DESC LIMIT ? OFFSET ?";
        return jdbc.run("listing dead letters", connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int i = 1;
                if (userId.isPresent()) {
                    query.setLong(i++, userId.get());
                }
                if (after.isPresent()) {
                    Jdbc.setInstant(query, i++, after.get().failedAt());
                    query.setString(i++, after.get().deadLetterId());
                }
                query.setInt(i++, limit);
                query.setInt(i, offset);
                return readAll(query);
            }
        });
    }

    @Override
    public long count(long userId) {
        return jdbc.run("counting the dead letters of user " + userId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM dead_letters WHERE user_id = ?")) {
                query.setLong(1, userId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<DeadLetter> find(String deadLetterId) {
        return jdbc.run("reading dead letter " + deadLetterId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM dead_letters WHERE dead_letter_id = ?")) {
                query.setString(1, deadLetterId);
                return readAll(query).stream().findFirst();
            }
        });
    }

    @Override
    public boolean takeForRedrive(String deadLetterId, Instant now, Instant until) {
        return jdbc.run("taking dead letter " + deadLetterId + " for a redrive", connection -> {
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                Jdbc.setInstant(take, 1, until);
                take.setString(2, deadLetterId);
                Jdbc.setInstant(take, 3, now);
                return take.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseRedrive(String deadLetterId) {
        jdbc.run("releasing dead letter " + deadLetterId + " from its redrive", connection -> {
            try (PreparedStatement release = connection.prepareStatement(
                    "UPDATE dead_letters SET redriving_until = NULL WHERE dead_letter_id = ?")) {
                release.setString(1, deadLetterId);
                return release.executeUpdate();
            }
        });
    }

    @Override
    public boolean update(DeadLetter deadLetter) {
        return jdbc.run("recording another attempt of dead letter " + deadLetter.deadLetterId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                bindAttempt(update, 1, deadLetter);
                update.setString(5, deadLetter.deadLetterId());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(String deadLetterId) {
        return jdbc.run("deleting dead letter " + deadLetterId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dead_letters WHERE dead_letter_id = ?")) {
                delete.setString(1, deadLetterId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purgeFailedBefore(Instant cutoff, int limit) {
        return JdbcLogPurging.deleteBefore(jdbc, "purging dead letters", "DELETE FROM dead_letters WHERE failed_at < ? LIMIT ?", cutoff,
                limit);
    }

    /** Binds {@code failed_at, attempts, http_status, error} from {@code first} on. */
    private static void bindAttempt(PreparedStatement statement, int first, DeadLetter d) throws SQLException {
        Jdbc.setInstant(statement, first, d.failedAt());
        statement.setInt(first + 1, d.attempts());
        statement.setObject(first + 2, d.httpStatus().isPresent() ? d.httpStatus().getAsInt() : null, Types.INTEGER);
        statement.setString(first + 3, d.error().orElse(null));
    }

    private List<DeadLetter> readAll(PreparedStatement query) throws SQLException {
        List<DeadLetter> found = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                TaskId taskId = TaskId.parse(row.getString("task_id")).orElseThrow();
                int status = row.getInt("http_status");
                OptionalInt httpStatus = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                found.add(new DeadLetter(row.getString("dead_letter_id"), taskId, row.getLong("user_id"), row.getString("execution_id"),
                        Jdbc.requiredInstant(row, "scheduled_time"), Jdbc.requiredInstant(row, "failed_at"), row.getInt("attempts"),
                        httpStatus, Optional.ofNullable(row.getString("error")), rows.request(taskId, row)));
            }
        }
        return found;
    }
}
