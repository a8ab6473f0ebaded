package com.coze.timer.persistence;

import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's fire-state writes of a batch of tasks, as set-based statements: one {@code UPDATE}
 * joins {@code tasks} to the batch's new states (a derived table of {@code SELECT … UNION ALL} rows)
 * on the task id and the version the engine read. The server's cost of an {@code UPDATE} is mostly
 * per statement, not per row: one statement per row cost ~200 µs of its CPU per fire, one per 500
 * rows ~70 µs ({@code docs/BENCHMARKS.md}, "The outcome write alone").
 *
 * <p>A single affected-rows count does not say which rows lost their version guard, so a statement
 * runs after a savepoint: when every row was written (the usual case) that is all; when some were
 * not (a user changed or deleted those tasks meanwhile), the statement is rolled back to the
 * savepoint, the batch's rows are locked and their versions read ({@code FOR UPDATE}), and only the
 * rows still at their expected version are written again — which then cannot lose. A task twice in
 * one batch is written as its occurrences come, as one statement per row would: the second
 * occurrence, guarded by the same version, loses.
 */
final class FireStateWrites {

    /** Rows per statement: ~100 KB of SQL, far from any packet limit. */
    private static final int ROWS_PER_STATEMENT = 500;
    private static final String FIRST_ROW = "SELECT ? AS task_id, ? AS version, ? AS status, ? AS next_run_time,"
            + " ? AS execution_count, ? AS consecutive_failures, ? AS fire_execution_id, ? AS fire_scheduled_time,"
            + " ? AS fire_lease_until, ? AS fire_owner, ? AS updated_at";
    private static final String NEXT_ROW = " UNION ALL SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    /** The derived table first, then the tasks by primary key: never a scan of tasks, whatever their number. */
    private static final String UPDATE = "UPDATE (%s) n STRAIGHT_JOIN tasks t ON t.task_id = n.task_id AND t.version = n.version"
            + " SET t.status = n.status, t.next_run_time = n.next_run_time, t.execution_count = n.execution_count,"
            + " t.consecutive_failures = n.consecutive_failures, t.fire_execution_id = n.fire_execution_id,"
            + " t.fire_scheduled_time = n.fire_scheduled_time, t.fire_lease_until = n.fire_lease_until,"
            + " t.fire_owner = n.fire_owner, t.updated_at = n.updated_at, t.version = t.version + 1";
    private static final String LOCK_VERSIONS = "SELECT task_id, version FROM tasks WHERE task_id IN (%s) FOR UPDATE";

    private FireStateWrites() {
    }

    /**
     * Writes the fire states of {@code tasks} (claims recorded for {@code owner}) in the current
     * transaction; per task, in order, the task at its new version, or empty if its version guard lost.
     */
    static List<Optional<Task>> write(Connection connection, List<Task> tasks, String owner) throws SQLException {
        List<Optional<Task>> written = new ArrayList<>(Collections.nCopies(tasks.size(), Optional.empty()));
        for (List<Integer> round : rounds(tasks)) {
            for (int from = 0; from < round.size(); from += ROWS_PER_STATEMENT) {
                List<Integer> chunk = round.subList(from, Math.min(round.size(), from + ROWS_PER_STATEMENT));
                for (int index : writeChunk(connection, chunk.stream().map(tasks::get).toList(), chunk, owner)) {
                    Task task = tasks.get(index);
                    written.set(index, Optional.of(task.withVersion(task.version() + 1)));
                }
            }
        }
        return written;
    }

    /** The indexes of the tasks, in rounds in which no task id repeats: a task's n-th occurrence is in the n-th. */
    private static List<List<Integer>> rounds(List<Task> tasks) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<TaskId, Integer> seen = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            int round = seen.merge(tasks.get(i).id(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    /** Writes {@code chunk} (distinct tasks); returns the indexes (of {@code indexes}) of those written. */
    private static List<Integer> writeChunk(Connection connection, List<Task> chunk, List<Integer> indexes, String owner)
            throws SQLException {
        Savepoint before = connection.setSavepoint();
        if (update(connection, chunk, owner) == chunk.size()) {
            return indexes;
        }
        connection.rollback(before);
        Set<Integer> current = stillAtVersion(connection, chunk);
        List<Task> toWrite = new ArrayList<>(current.size());
        List<Integer> writtenIndexes = new ArrayList<>(current.size());
        for (int i = 0; i < chunk.size(); i++) {
            if (current.contains(i)) {
                toWrite.add(chunk.get(i));
                writtenIndexes.add(indexes.get(i));
            }
        }
        if (!toWrite.isEmpty() && update(connection, toWrite, owner) != toWrite.size()) {
            throw new SQLException("fire states of locked tasks were not all written");
        }
        return writtenIndexes;
    }

    /** Locks the rows of {@code chunk}; the positions of the tasks whose stored version is the one they carry. */
    private static Set<Integer> stillAtVersion(Connection connection, List<Task> chunk) throws SQLException {
        String sql = LOCK_VERSIONS.formatted("?, ".repeat(chunk.size() - 1) + "?");
        Map<String, Long> versions = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            for (int i = 0; i < chunk.size(); i++) {
                lock.setString(i + 1, chunk.get(i).id().toString());
            }
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    versions.put(row.getString(1), row.getLong(2));
                }
            }
        }
        Set<Integer> current = new HashSet<>();
        for (int i = 0; i < chunk.size(); i++) {
            Long stored = versions.get(chunk.get(i).id().toString());
            if (stored != null && stored == chunk.get(i).version()) {
                current.add(i);
            }
        }
        return current;
    }

    /** One statement for {@code chunk}; the number of rows it wrote. */
    private static int update(Connection connection, List<Task> chunk, String owner) throws SQLException {
        String rows = FIRST_ROW + NEXT_ROW.repeat(chunk.size() - 1);
        try (PreparedStatement update = connection.prepareStatement(UPDATE.formatted(rows))) {
            int index = 1;
            for (Task task : chunk) {
                index = bind(update, index, task, owner);
            }
            return update.executeUpdate();
        }
    }

    private static int bind(PreparedStatement update, int first, Task task, String owner) throws SQLException {
        Optional<PendingFire> fire = task.pendingFire();
        int i = first;
        update.setString(i++, task.id().toString());
        update.setLong(i++, task.version());
        update.setString(i++, task.status().wire());
        Jdbc.setInstant(update, i++, task.nextRunTime());
        update.setLong(i++, task.executionCount());
        update.setInt(i++, task.consecutiveFailures());
        update.setString(i++, fire.map(PendingFire::executionId).orElse(null));
        Jdbc.setInstant(update, i++, fire.map(PendingFire::scheduledTime));
        Jdbc.setInstant(update, i++, fire.map(PendingFire::leaseUntil));
        update.setString(i++, fire.isPresent() ? owner : null);
        Jdbc.setInstant(update, i++, task.updatedAt());
        return i;
    }
}
