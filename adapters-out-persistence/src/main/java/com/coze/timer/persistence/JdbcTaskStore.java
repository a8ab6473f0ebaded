package com.coze.timer.persistence;

import com.coze.timer.application.port.out.StoredTask;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link TaskStore} on the {@code tasks} table, the single-task part of the {@link JdbcFireLedger}
 * (which is how the service reaches it). Every write is one statement or one transaction;
 * an update is a compare-and-set on {@code version}, so of two writers that read the same version
 * exactly one succeeds and the other learns it lost (an empty answer), never overwrites.
 * Thread-safe: its state is the concurrent set of users whose quota lock row exists and the
 * thread-safe {@link GroupedInserts}.
 */
final class JdbcTaskStore implements TaskStore {

    private static final String INSERT = "INSERT INTO tasks (task_id, user_id, slot, created_at, version, "
            + TaskRows.CHANGING_COLUMNS + ") VALUES (?, ?, ?, ?, ?, " + placeholders() + ")";
    private static final String FIND = "SELECT " + TaskRows.SELECT_COLUMNS + " FROM tasks WHERE task_id = ?";
    private static final String UPDATE = "UPDATE tasks SET " + assignments() + ", version = version + 1"
            + " WHERE task_id = ? AND version = ?";
    private static final String CREATE_QUOTA_LOCK = "INSERT IGNORE INTO user_quota_locks (user_id) VALUES (?)";
    private static final String TAKE_QUOTA_LOCK = "SELECT user_id FROM user_quota_locks WHERE user_id = ? FOR UPDATE";
    /** The task, its skips and its latest execution: the largest log id through {@code idx_task_logs_task}. */
    private static final String FIND_WITH_LATEST = "SELECT t." + TaskRows.SELECT_COLUMNS.replace(", ", ", t.")
            + ", t.skipped_count, t.last_skip_reason, t.last_skip_time, " + JdbcExecutionLog.JOINED_COLUMNS
            + " FROM tasks t" + JdbcExecutionLog.latestJoin("t") + " WHERE t.task_id = ?";
    private static final String DELETE_LOGS = "DELETE FROM task_logs WHERE task_id = ?";
    private static final String DELETE_TASK = "DELETE FROM tasks WHERE task_id = ?";

    private final Jdbc jdbc;
    private final TaskRows rows;
    /** Users whose {@code user_quota_locks} row is known to exist (rows are never deleted). */
    private final Set<Long> quotaLockRows = ConcurrentHashMap.newKeySet();
    private final GroupedInserts groupedInserts = new GroupedInserts(this::writeGroup);

    JdbcTaskStore(Jdbc jdbc, TaskRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public void insert(Task task) {
        jdbc.run("inserting task " + task.id(), connection -> insert(connection, task));
    }

    private int insert(java.sql.Connection connection, Task task) throws java.sql.SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindInsert(insert, task);
            return insert.executeUpdate();
        }
    }

    private void bindInsert(PreparedStatement insert, Task task) throws java.sql.SQLException {
        insert.setString(1, task.id().toString());
        insert.setLong(2, task.userId());
        insert.setInt(3, Slots.of(task.id()));
        Jdbc.setInstant(insert, 4, task.createdAt());
        insert.setLong(5, task.version());
        rows.bindChanging(insert, 6, task);
    }

    /**
     * Locks the user's row of {@code user_quota_locks} (made on the user's first create) for the
     * transaction, then counts and inserts: creates of one user queue on that row lock, on every
     * instance sharing the database, so none counts before another's insert is committed. This
     * instance's concurrent creates of one user share a transaction ({@link GroupedInserts}).
     *
     * <p>The row is made only when this store has not seen it yet: an {@code INSERT IGNORE} of a row
     * that exists still waits for its lock, which put every create twice in the user's queue.
     */
    @Override
    public boolean insertWithinQuota(Task task, long maxActive) {
        return groupedInserts.insert(task, maxActive);
    }

    /** Answers every caller of {@code group}; when the group's transaction fails, each task is tried on its own. */
    private void writeGroup(List<GroupedInserts.Waiter> group) {
        List<Boolean> inserted;
        try {
            inserted = insertGroup(group);
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                throw e;
            }
            for (GroupedInserts.Waiter waiter : group) { // one bad task must not fail the others
                try {
                    waiter.inserted(insertGroup(List.of(waiter)).getFirst());
                } catch (RuntimeException own) {
                    waiter.failed(own);
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).inserted(inserted.get(i));
        }
    }

    private List<Boolean> insertGroup(List<GroupedInserts.Waiter> group) {
        long userId = group.getFirst().task.userId();
        if (!quotaLockRows.contains(userId)) {
            createQuotaLockRow(userId);
        }
        Optional<List<Boolean>> inserted = lockedInsert(userId, group);
        if (inserted.isEmpty()) { // the row was removed behind this store's back: make it again
            quotaLockRows.remove(userId);
            createQuotaLockRow(userId);
            inserted = lockedInsert(userId, group);
        }
        return inserted.orElseThrow(() -> new PersistenceException("the quota lock row of user " + userId + " vanished twice", null));
    }

    private void createQuotaLockRow(long userId) {
        jdbc.run("preparing the quota lock of user " + userId, connection -> {
            try (PreparedStatement create = connection.prepareStatement(CREATE_QUOTA_LOCK)) {
                create.setLong(1, userId);
                return create.executeUpdate();
            }
        });
        quotaLockRows.add(userId);
    }

    /** Whether each task of the group was inserted, under the user's quota lock; empty when the user has no lock row. */
    private Optional<List<Boolean>> lockedInsert(long userId, List<GroupedInserts.Waiter> group) {
        return jdbc.inTransaction("inserting " + group.size() + " task(s) of user " + userId + " within the quota", connection -> {
            try (PreparedStatement lock = connection.prepareStatement(TAKE_QUOTA_LOCK);
                 PreparedStatement count = connection.prepareStatement(JdbcTaskQueries.COUNT_ACTIVE);
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                lock.setLong(1, userId);
                try (ResultSet locked = lock.executeQuery()) {
                    if (!locked.next()) {
                        return Optional.<List<Boolean>>empty();
                    }
                }
                count.setLong(1, userId);
                long active;
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    active = row.getLong(1);
                }
                List<Boolean> inserted = new ArrayList<>(group.size());
                for (GroupedInserts.Waiter waiter : group) {
                    boolean fits = active < waiter.maxActive;
                    if (fits) {
                        bindInsert(insert, waiter.task);
                        insert.addBatch();
                        active++;
                    }
                    inserted.add(fits);
                }
                if (inserted.contains(true)) {
                    insert.executeBatch();
                }
                return Optional.of(inserted);
            }
        });
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return jdbc.run("reading task " + id, connection -> {
            try (PreparedStatement find = connection.prepareStatement(FIND)) {
                find.setString(1, id.toString());
                try (ResultSet row = find.executeQuery()) {
                    return row.next() ? Optional.of(rows.read(row)) : Optional.<Task>empty();
                }
            }
        });
    }

    @Override
    public Optional<Task> update(Task task) {
        return jdbc.run("updating task " + task.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                int next = rows.bindChanging(update, 1, task);
                update.setString(next, task.id().toString());
                update.setLong(next + 1, task.version());
                boolean won = update.executeUpdate() == 1;
                return won ? Optional.of(task.withVersion(task.version() + 1)) : Optional.<Task>empty();
            }
        });
    }

    @Override
    public Optional<StoredTask> findWithLatest(TaskId id) {
        return jdbc.run("reading task " + id, connection -> {
            try (PreparedStatement find = connection.prepareStatement(FIND_WITH_LATEST)) {
                find.setString(1, id.toString());
                try (ResultSet row = find.executeQuery()) {
                    return row.next()
                            ? Optional.of(new StoredTask(rows.read(row), skips(row), JdbcExecutionLog.readJoined(row)))
                            : Optional.<StoredTask>empty();
                }
            }
        });
    }

    private static Skips skips(ResultSet row) throws java.sql.SQLException {
        long count = row.getLong("skipped_count");
        return count == 0 ? Skips.NONE
                : new Skips(count, Skips.Reason.fromWire(row.getString("last_skip_reason")), Jdbc.instant(row, "last_skip_time"));
    }

    @Override
    public boolean delete(TaskId id) {
        return jdbc.inTransaction("deleting task " + id, connection -> {
            try (PreparedStatement logs = connection.prepareStatement(DELETE_LOGS);
                 PreparedStatement task = connection.prepareStatement(DELETE_TASK)) {
                logs.setString(1, id.toString());
                logs.executeUpdate();
                task.setString(1, id.toString());
                return task.executeUpdate() == 1;
            }
        });
    }

    private static String placeholders() {
        return changingColumns().map(column -> "?").collect(Collectors.joining(", "));
    }

    private static String assignments() {
        return changingColumns().map(column -> column + " = ?").collect(Collectors.joining(", "));
    }

    private static Stream<String> changingColumns() {
        return Arrays.stream(TaskRows.CHANGING_COLUMNS.split(",")).map(String::trim);
    }
}
