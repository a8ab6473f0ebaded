package com.coze.timer.persistence;

import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counts behind the {@code timer_tasks} gauge (V17's triggers) stay equal to a count of the
 * rows themselves, through every way a task is written: inserts, the user's updates, the engine's
 * fire-state batches, deletes, a plain SQL statement, rolled-back transactions and concurrent
 * writers, and keeping them makes no writer wait for another (no deadlock between batches).
 */
class TaskStatusCountsIT {

    private static final Instant NOW = Instant.parse("2026-04-22T09:00:00Z");

    private JdbcPersistence persistence;
    private FireLedger ledger;
    private TaskQueries queries;

    @BeforeEach
    void openDatabase() {
        persistence = TestDatabase.freshPersistence(Clock.systemUTC());
        ledger = persistence.fireLedger("it");
        queries = persistence.taskQueries();
    }

    @AfterEach
    void closeDatabase() {
        persistence.close();
    }

    @Test
    void countsFollowInsertsUpdatesFireWritesAndDeletes() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Task task = aTask().user(1 + i % 3).status(i % 4 == 0 ? TaskStatus.RUNNING : TaskStatus.PENDING).build();
            if (i % 2 == 0) {
                ledger.insert(task);
            } else {
                assertThat(ledger.insertWithinQuota(task, 1_000)).isTrue();
            }
            tasks.add(task);
        }
        assertCountsMatchRows(Map.of(TaskStatus.PENDING, 15L, TaskStatus.RUNNING, 5L));

        Task paused = ledger.update(tasks.get(1).pause(NOW).orElseThrow()).orElseThrow();
        ledger.update(tasks.get(2).cancel(NOW).orElseThrow()).orElseThrow();
        ledger.update(paused.resume(NOW).orElseThrow()).orElseThrow();
        ledger.update(tasks.get(3).pause(NOW).orElseThrow()).orElseThrow();
        assertCountsMatchRows(Map.of(TaskStatus.PENDING, 13L, TaskStatus.RUNNING, 5L, TaskStatus.STOPPED, 1L, TaskStatus.PAUSED, 1L));

        ledger.writeAll(List.of(copy(tasks.get(5), TaskStatus.RUNNING), copy(tasks.get(6), TaskStatus.COMPLETED),
                copy(tasks.get(7), TaskStatus.FAILED), copy(tasks.get(9), TaskStatus.PENDING)));
        assertCountsMatchRows(Map.of(TaskStatus.PENDING, 10L, TaskStatus.RUNNING, 6L, TaskStatus.STOPPED, 1L,
                TaskStatus.PAUSED, 1L, TaskStatus.COMPLETED, 1L, TaskStatus.FAILED, 1L));

        assertThat(ledger.delete(tasks.get(6).id())).isTrue();
        assertThat(ledger.delete(tasks.get(0).id())).isTrue();
        assertThat(ledger.delete(tasks.get(0).id())).isFalse();
        assertCountsMatchRows(Map.of(TaskStatus.PENDING, 10L, TaskStatus.RUNNING, 5L, TaskStatus.STOPPED, 1L,
                TaskStatus.PAUSED, 1L, TaskStatus.FAILED, 1L));
    }

    @Test
    void countsFollowPlainStatementsAndIgnoreRolledBackOnes() throws SQLException {
        for (int i = 0; i < 12; i++) {
            ledger.insert(aTask().status(TaskStatus.RUNNING).build());
        }
        try (Connection connection = persistence.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE tasks SET status = 'paused' ORDER BY task_id LIMIT 5");
            sql.executeUpdate("UPDATE tasks SET execution_count = execution_count + 1"); // no status change
            connection.setAutoCommit(false);
            sql.executeUpdate("UPDATE tasks SET status = 'stopped'");
            sql.executeUpdate("DELETE FROM tasks ORDER BY task_id LIMIT 3");
            connection.rollback();
            connection.setAutoCommit(true);
            sql.executeUpdate("DELETE FROM tasks WHERE status = 'paused' ORDER BY task_id LIMIT 2");
        }
        assertCountsMatchRows(Map.of(TaskStatus.RUNNING, 7L, TaskStatus.PAUSED, 3L));
    }

    @Test
    void countsStayExactUnderConcurrentWriters() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long user = 100 + w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        Task task = aTask().user(user).status(TaskStatus.RUNNING).build();
                        ledger.insert(task);
                        Task paused = ledger.update(task.pause(NOW).orElseThrow()).orElseThrow();
                        switch (i % 3) {
                            case 0 -> ledger.update(paused.resume(NOW).orElseThrow()).orElseThrow();
                            case 1 -> ledger.delete(task.id());
                            default -> ledger.writeAll(List.of(copy(paused, TaskStatus.COMPLETED)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
        assertCountsMatchRows(Map.of(TaskStatus.PENDING, 20L, TaskStatus.COMPLETED, 20L)); // resumed before a first fire: pending
    }

    @Test
    void claimBatchesAndGroupedCreatesRunSideBySideWithoutWaitingOnTheCounts() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4 + 16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(writers.submit(() -> {
                    for (int round = 0; round < 15; round++) {
                        List<Task> claimed = new ArrayList<>();
                        for (int i = 0; i < 40; i++) {
                            Task task = aTask().status(TaskStatus.PENDING).build();
                            ledger.insert(task);
                            claimed.add(copy(task, TaskStatus.RUNNING));
                        }
                        ledger.writeAll(claimed); // 40 tasks of as many slots, one transaction
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 1_200; i++) {
                long user = 200 + i % 4;
                done.add(writers.submit(() -> ledger.insertWithinQuota(aTask().user(user).status(TaskStatus.PENDING).build(), 100_000)));
            }
            for (Future<?> writer : done) {
                writer.get(); // a deadlock would fail a batch here
            }
        } finally {
            writers.shutdownNow();
        }
        assertCountsMatchRows(Map.of(TaskStatus.PENDING, 1_200L, TaskStatus.RUNNING, 2_400L));
    }

    /** The same task, at its stored version, in {@code status}: as the engine writes a fire state (an ended one without next run or claim). */
    private static Task copy(Task task, TaskStatus status) {
        boolean ended = status.isFinal();
        return new Task(task.id(), task.userId(), task.schedule(), task.callback(), task.stopCondition(), status,
                task.executionCount(), task.consecutiveFailures(), ended ? Optional.empty() : task.nextRunTime(),
                task.createdAt(), task.updatedAt(), task.version(), ended ? Optional.empty() : task.pendingFire(),
                task.tags(), task.failureCallback());
    }

    /** The gauge's counts equal {@code expected} (zero for the statuses not named) and a count of the rows. */
    private void assertCountsMatchRows(Map<TaskStatus, Long> expected) {
        Map<TaskStatus, Long> all = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            all.put(status, expected.getOrDefault(status, 0L));
        }
        assertThat(queries.countByStatus()).isEqualTo(all).isEqualTo(rowsByStatus());
    }

    private Map<TaskStatus, Long> rowsByStatus() {
        Map<TaskStatus, Long> rows = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            rows.put(status, 0L);
        }
        try (Connection connection = persistence.dataSource().getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT status, COUNT(*) FROM tasks GROUP BY status")) {
            while (row.next()) {
                rows.put(TaskStatus.fromWire(row.getString(1), "status"), row.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
