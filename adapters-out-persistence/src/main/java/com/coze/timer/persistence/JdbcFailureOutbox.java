package com.coze.timer.persistence;

import com.coze.timer.application.port.out.FailureNotice;
import com.coze.timer.application.port.out.FailureOutbox;
import com.coze.timer.application.port.out.FailureOutbox.Claimed;
import com.coze.timer.domain.task.TaskId;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link FailureOutbox} on the {@code failure_outbox} table. A claim is one {@code UPDATE} that moves
 * {@code claim_until} of due rows past the lease and stamps them with a token of its own: the row
 * locks of that statement make two concurrent claims (of any instances) take disjoint rows, and
 * the token then reads back exactly the rows this claim took. A failed sending moves
 * {@code claim_until} to when the row is due again and counts it in {@code failed_rounds}.
 */
final class JdbcFailureOutbox implements FailureOutbox {

    /** Inserted only while the task exists: its 8th parameter is the task id again. */
    static final String INSERT = "INSERT INTO failure_outbox (outbox_id, task_id, execution_id, scheduled_time, target_url,"
            + " payload, created_at, claim_until) SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL"
            + " WHERE EXISTS (SELECT 1 FROM tasks WHERE task_id = ?)";
    private static final String CLAIM = "UPDATE failure_outbox SET claimed_by = ?, claim_until = ?"
            + " WHERE claim_until <= ? ORDER BY claim_until LIMIT ?";
    private static final String CLAIMED = "SELECT outbox_id, task_id, execution_id, scheduled_time, target_url, payload,"
            + " created_at, failed_rounds FROM failure_outbox WHERE claimed_by = ?";
    private static final String RETRY = "UPDATE failure_outbox SET claim_until = ?, claimed_by = NULL,"
            + " failed_rounds = failed_rounds + 1 WHERE outbox_id = ?";

    private final Jdbc jdbc;

    JdbcFailureOutbox(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the notices, due at {@code now}, to {@code connection}'s transaction (the one recording their outcomes). */
    static void insertAll(Connection connection, List<FailureNotice> notices, Instant now) throws SQLException {
        if (notices.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (FailureNotice n : notices) {
                insert.setString(1, n.noticeId());
                insert.setString(2, n.taskId().toString());
                insert.setString(3, n.executionId());
                Jdbc.setInstant(insert, 4, n.scheduledTime());
                insert.setString(5, n.target().toString());
                insert.setString(6, n.payload());
                Jdbc.setInstant(insert, 7, now);
                Jdbc.setInstant(insert, 8, now);
                insert.setString(9, n.taskId().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public List<Claimed> claim(String owner, Instant now, Instant leaseUntil, int limit) {
        String token = owner + "/" + UUID.randomUUID();
        return jdbc.run("claiming failure callbacks", connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, token);
                Jdbc.setInstant(claim, 2, leaseUntil);
                Jdbc.setInstant(claim, 3, now);
                claim.setInt(4, limit);
                if (claim.executeUpdate() == 0) {
                    return List.of();
                }
            }
            try (PreparedStatement query = connection.prepareStatement(CLAIMED)) {
                query.setString(1, token);
                return readAll(query);
            }
        });
    }

    @Override
    public void done(String noticeId) {
        jdbc.run("removing failure callback " + noticeId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM failure_outbox WHERE outbox_id = ?")) {
                delete.setString(1, noticeId);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void retryAt(String noticeId, Instant dueAt) {
        jdbc.run("putting failure callback " + noticeId + " back", connection -> {
            try (PreparedStatement retry = connection.prepareStatement(RETRY)) {
                Jdbc.setInstant(retry, 1, dueAt);
                retry.setString(2, noticeId);
                return retry.executeUpdate();
            }
        });
    }

    private static List<Claimed> readAll(PreparedStatement query) throws SQLException {
        List<Claimed> notices = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                FailureNotice notice = new FailureNotice(row.getString("outbox_id"), TaskId.parse(row.getString("task_id")).orElseThrow(),
                        row.getString("execution_id"), Jdbc.requiredInstant(row, "scheduled_time"),
                        URI.create(row.getString("target_url")), row.getString("payload"));
                notices.add(new Claimed(notice, Jdbc.requiredInstant(row, "created_at"), row.getInt("failed_rounds")));
            }
        }
        return notices;
    }
}
