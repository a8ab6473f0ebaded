package com.coze.timer.persistence;

import com.coze.timer.application.port.out.StoredTask;
import com.coze.timer.application.port.out.FinalFailure;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.domain.task.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.TaskId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link FireLedger} on the {@code tasks} and {@code task_logs} tables (and, for fires that finally
 * failed, {@code dead_letters} and {@code failure_outbox}): the one writer of tasks. The use cases'
 * single-task writes are the {@link JdbcTaskStore}'s. The engine changes only a
 * task's fire state (status, next run, counters, pending fire), so its writes touch only those
 * columns; the version guard makes that safe against a user's concurrent change of the rest.
 * Writes are batches in one transaction (fire states set-based, {@link FireStateWrites}), so a whole batch of fires costs a few round trips.
 */
final class JdbcFireLedger implements FireLedger {

    private static final String DUE = "SELECT " + TaskRows.SELECT_COLUMNS + " FROM tasks"
            + " WHERE next_run_time <= ? AND " + FirePredicates.UPCOMING + "%s"
            + " ORDER BY next_run_time LIMIT ?";
    /** A range of idx_tasks_lease: few rows, as leases run minutes past their fire. */
    private static final String EXPIRED = "SELECT " + TaskRows.SELECT_COLUMNS + " FROM tasks"
            + " WHERE fire_lease_until < ? AND " + FirePredicates.CLAIMED + "%s ORDER BY fire_scheduled_time LIMIT ?";
    /** Every claim of the slots: asked only when the members or the owned slots change. */
    private static final String DEPARTED = "SELECT " + TaskRows.SELECT_COLUMNS + " FROM tasks"
            + " WHERE " + FirePredicates.CLAIMED + " AND %s%s ORDER BY fire_scheduled_time LIMIT ?";
    private static final String ADD_SKIPS = "UPDATE tasks SET skipped_count = skipped_count + ?, last_skip_reason = ?,"
            + " last_skip_time = ? WHERE task_id = ?";
    /** DATETIME holds years up to 9999: a later cut-off means "every lease". */
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final Jdbc jdbc;
    private final TaskRows rows;
    private final JdbcTaskStore tasks;
    private final JdbcExecutionLog log;
    private final JdbcDeadLetters deadLetters;
    private final String owner;

    /** A ledger that records {@code owner} as the holder of the fires it claims. */
    JdbcFireLedger(Jdbc jdbc, TaskRows rows, JdbcExecutionLog log, JdbcDeadLetters deadLetters, String owner) {
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.rows = rows;
        this.tasks = new JdbcTaskStore(jdbc, rows);
        this.log = log;
        this.owner = owner;
    }

    @Override
    public void insert(Task task) {
        tasks.insert(task);
    }

    @Override
    public boolean insertWithinQuota(Task task, long maxActive) {
        return tasks.insertWithinQuota(task, maxActive);
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return tasks.find(id);
    }

    @Override
    public Optional<Task> update(Task task) {
        return tasks.update(task);
    }

    @Override
    public Optional<StoredTask> findWithLatest(TaskId id) {
        return tasks.findWithLatest(id);
    }

    @Override
    public boolean delete(TaskId id) {
        return tasks.delete(id);
    }

    @Override
    public List<Task> findDue(Instant dueBefore, BitSet storedSlots, int limit) {
        return select("finding due tasks", DUE.formatted(slotFilter(storedSlots)), List.of(dueBefore), limit);
    }

    @Override
    public List<Task> findExpiredClaims(Instant leaseExpiredBefore, BitSet storedSlots, int limit) {
        Instant before = leaseExpiredBefore.isAfter(LATEST) ? LATEST : leaseExpiredBefore;
        return select("finding expired fire claims", EXPIRED.formatted(slotFilter(storedSlots)), List.of(before), limit);
    }

    @Override
    public List<Task> findClaimsOfDepartedOwners(Set<String> liveOwners, BitSet storedSlots, int limit) {
        // A claim whose owner is unknown (NULL) is not IN or NOT IN anything: it waits for its lease.
        String departed = liveOwners.isEmpty() ? "fire_owner IS NOT NULL"
                : "fire_owner NOT IN (" + "?, ".repeat(liveOwners.size() - 1) + "?)";
        return select("finding fire claims of departed instances", DEPARTED.formatted(departed, slotFilter(storedSlots)),
                List.copyOf(liveOwners), limit);
    }

    @Override
    public List<Task> load(Collection<TaskId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + TaskRows.SELECT_COLUMNS + " FROM tasks WHERE task_id IN (" + "?, ".repeat(ids.size() - 1) + "?)";
        return jdbc.run("loading " + ids.size() + " tasks", connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int i = 1;
                for (TaskId id : ids) {
                    query.setString(i++, id.toString());
                }
                return rows.readAll(query);
            }
        });
    }

    @Override
    public Map<TaskId, Instant> unclaimedNextRuns(BitSet storedSlots) {
        String sql = "SELECT task_id, next_run_time FROM tasks WHERE " + FirePredicates.UPCOMING + slotFilter(storedSlots);
        return jdbc.run("listing upcoming fires", connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
                Map<TaskId, Instant> upcoming = new HashMap<>();
                while (row.next()) {
                    upcoming.put(TaskId.parse(row.getString(1)).orElseThrow(), Jdbc.requiredInstant(row, "next_run_time"));
                }
                return upcoming;
            }
        });
    }

    /** An IN list of the stored slots, or nothing when they are all of them (embedded mode). */
    private static String slotFilter(BitSet storedSlots) {
        if (storedSlots.cardinality() == Slots.STORED) {
            return "";
        }
        if (storedSlots.isEmpty()) {
            return " AND FALSE";
        }
        return " AND slot IN (" + storedSlots.stream().mapToObj(Integer::toString).collect(Collectors.joining(",")) + ")";
    }

    @Override
    public List<Optional<Task>> writeAll(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction("writing " + tasks.size() + " fire claims", connection -> writeFireStates(connection, tasks));
    }

    @Override
    public void recordSkips(List<Skip> skips) {
        if (skips.isEmpty()) {
            return;
        }
        jdbc.inTransaction("recording skips of " + skips.size() + " tasks", connection -> {
            try (PreparedStatement update = connection.prepareStatement(ADD_SKIPS)) {
                for (Skip skip : skips) {
                    update.setLong(1, skip.occurrences());
                    update.setString(2, skip.reason().wire());
                    Jdbc.setInstant(update, 3, skip.at());
                    update.setString(4, skip.taskId().toString());
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    @Override
    public List<Optional<Task>> recordAll(List<Completion> completions) {
        if (completions.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction("recording " + completions.size() + " executions", connection -> {
            appendRecords(connection, completions);
            storeFinalFailures(connection, completions);
            List<Task> toWrite = completions.stream().flatMap(c -> c.task().stream()).toList();
            List<Optional<Task>> written = writeFireStates(connection, toWrite);
            List<Optional<Task>> results = new ArrayList<>(completions.size());
            int next = 0;
            for (Completion completion : completions) {
                results.add(completion.task().isPresent() ? written.get(next++) : Optional.empty());
            }
            return results;
        });
    }

    /** Runs {@code sql} with its parameters (instants or strings) followed by the limit. */
    private List<Task> select(String what, String sql, List<?> parameters, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.run(what, connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int index = 1;
                for (Object parameter : parameters) {
                    if (parameter instanceof Instant instant) {
                        Jdbc.setInstant(query, index++, instant);
                    } else {
                        query.setString(index++, (String) parameter);
                    }
                }
                query.setInt(index, limit);
                return rows.readAll(query);
            }
        });
    }

    /** The dead letters and failure callbacks of the completions that finally failed, in their transaction. */
    private void storeFinalFailures(Connection connection, List<Completion> completions) throws SQLException {
        List<FinalFailure> failures = completions.stream().flatMap(c -> c.failure().stream()).toList();
        if (failures.isEmpty()) {
            return;
        }
        deadLetters.insertAll(connection, failures.stream().map(FinalFailure::deadLetter).toList());
        JdbcFailureOutbox.insertAll(connection, failures.stream().flatMap(f -> f.notice().stream()).toList(),
                failures.getFirst().deadLetter().failedAt());
    }

    /** Records of live tasks go in one multi-row insert; the rest only if their task still exists. */
    private void appendRecords(Connection connection, List<Completion> completions) throws SQLException {
        try (PreparedStatement plain = connection.prepareStatement(JdbcExecutionLog.INSERT);
             PreparedStatement guarded = connection.prepareStatement(JdbcExecutionLog.INSERT_IF_TASK_EXISTS)) {
            for (Completion completion : completions) {
                PreparedStatement insert = completion.task().isPresent() ? plain : guarded;
                log.bind(insert, completion.record());
                if (insert == guarded) {
                    guarded.setString(JdbcExecutionLog.GUARD_TASK_ID, completion.record().taskId().toString());
                }
                insert.addBatch();
            }
            plain.executeBatch();
            guarded.executeBatch();
        }
    }

    private List<Optional<Task>> writeFireStates(Connection connection, List<Task> tasks) throws SQLException {
        return FireStateWrites.write(connection, tasks, owner);
    }
}
