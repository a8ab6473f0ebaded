package com.coze.timer.persistence;

import static com.coze.timer.persistence.ExecutionRecords.aFailureOf;
import static com.coze.timer.persistence.ExecutionRecords.aSuccessOf;
import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskFilter;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.TaskQueries;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.domain.task.TaskTags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcTaskQueriesIT {

    private static final Instant T0 = Instant.parse("2026-04-22T09:00:00Z");
    private static final AtomicLong USERS = new AtomicLong(5000);
    private static JdbcPersistence persistence;
    private static TaskStore store;
    private static TaskQueries queries;

    @BeforeAll
    static void openDatabase() {
        persistence = TestDatabase.freshPersistence(Clock.systemUTC());
        store = persistence.fireLedger("it");
        queries = persistence.taskQueries();
    }

    @AfterAll
    static void closeDatabase() {
        persistence.close();
    }

    @Test
    void aUsersTasksAreListedNewestFirstWithoutOtherUsersTasks() {
        long user = USERS.incrementAndGet();
        Task oldest = stored(user, 1, TaskStatus.PENDING);
        Task middle = stored(user, 2, TaskStatus.RUNNING);
        Task newest = stored(user, 3, TaskStatus.COMPLETED);
        stored(USERS.incrementAndGet(), 4, TaskStatus.PENDING);

        assertThat(ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 50, 0))).containsExactly(newest.id(), middle.id(), oldest.id());
    }

    @Test
    void aListingLineCarriesTheTaskAsListedAndItsLatestExecution() {
        long user = USERS.incrementAndGet();
        Task ran = aTask().user(user).createdAt(T0).status(TaskStatus.RUNNING).tags("nightly", Map.of("team", "a")).build();
        store.insert(ran);
        Task never = stored(user, 1, TaskStatus.PENDING);
        ExecutionLog log = persistence.executionLog();
        log.append(aSuccessOf(ran, T0.plusSeconds(20)));
        ExecutionRecord last = log.append(aFailureOf(ran, T0.plusSeconds(40)));

        List<TaskSummary> lines = queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 50, 0);

        assertThat(lines).containsExactly(TaskSummary.of(never, Optional.empty()), TaskSummary.of(ran, Optional.of(last)));
    }

    @Test
    void aListingOpensNoSealedColumn() {
        long user = USERS.incrementAndGet();
        Task task = aTask().user(user).createdAt(T0).header("Authorization", "Bearer x").body("{\"a\":1}").build();
        store.insert(task);
        RawSql.update(persistence.dataSource(), "UPDATE tasks SET headers_cipher = 'not sealed', body_cipher = 'not sealed',"
                + " signing_cipher = 'not sealed' WHERE task_id = ?", task.id().toString());

        assertThat(ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 50, 0))).containsExactly(task.id());
    }

    @Test
    void aStatusFilterKeepsOnlyTasksInThatStatus() {
        long user = USERS.incrementAndGet();
        Task running1 = stored(user, 1, TaskStatus.RUNNING);
        stored(user, 2, TaskStatus.STOPPED);
        Task running2 = stored(user, 3, TaskStatus.RUNNING);

        assertThat(ids(queries.list(TaskFilter.ofUser(user, Optional.of(TaskStatus.RUNNING)), Optional.empty(), 50, 0)))
                .containsExactly(running2.id(), running1.id());
        assertThat(queries.count(TaskFilter.ofUser(user, Optional.of(TaskStatus.RUNNING)))).isEqualTo(2);
        assertThat(queries.count(TaskFilter.ofUser(user, Optional.of(TaskStatus.FAILED)))).isZero();
    }

    @Test
    void pagesFollowEachOtherAndTheTotalCountsAllMatches() {
        long user = USERS.incrementAndGet();
        for (int minute = 1; minute <= 5; minute++) {
            stored(user, minute, TaskStatus.PENDING);
        }
        List<TaskId> all = ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 50, 0));

        List<TaskId> first = ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 2, 0));
        List<TaskId> second = ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 2, 2));
        List<TaskId> last = ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 2, 4));

        assertThat(first).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(second).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(last).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 2, 6)).isEmpty();
        assertThat(queries.count(TaskFilter.ofUser(user, Optional.empty()))).isEqualTo(5);
    }

    @Test
    void tasksCreatedAtTheSameMillisecondStillPageWithoutRepeats() {
        long user = USERS.incrementAndGet();
        for (int i = 0; i < 4; i++) {
            stored(user, 0, TaskStatus.PENDING);
        }

        List<TaskId> pages = new ArrayList<>(ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 2, 0)));
        pages.addAll(ids(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 2, 2)));

        assertThat(pages).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void onlyPendingAndRunningTasksCountAsActive() {
        long user = USERS.incrementAndGet();
        stored(user, 1, TaskStatus.PENDING);
        stored(user, 2, TaskStatus.RUNNING);
        stored(user, 3, TaskStatus.COMPLETED);
        stored(user, 4, TaskStatus.FAILED);
        stored(user, 5, TaskStatus.STOPPED);

        assertThat(queries.countActiveByUser(user)).isEqualTo(2);
    }

    @Test
    void aUserWithoutTasksHasAnEmptyListAndZeroCounts() {
        long user = USERS.incrementAndGet();

        assertThat(queries.list(TaskFilter.ofUser(user, Optional.empty()), Optional.empty(), 50, 0)).isEmpty();
        assertThat(queries.count(TaskFilter.ofUser(user, Optional.empty()))).isZero();
        assertThat(queries.countActiveByUser(user)).isZero();
    }

    @Test
    void tasksAreCountedByStatusOverAllUsersWithZeroForEmptyStatuses() {
        try (JdbcPersistence own = TestDatabase.freshPersistence(Clock.systemUTC())) {
            TaskQueries counts = own.taskQueries();
            assertThat(counts.countByStatus()).containsOnlyKeys(TaskStatus.values()).doesNotContainValue(null)
                    .allSatisfy((status, count) -> assertThat(count).isZero());
            long user = USERS.incrementAndGet();
            long other = USERS.incrementAndGet();
            for (TaskStatus status : List.of(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.RUNNING, TaskStatus.COMPLETED)) {
                own.fireLedger("it").insert(aTask().user(user).status(status).build());
            }
            own.fireLedger("it").insert(aTask().user(other).status(TaskStatus.RUNNING).build());
            own.fireLedger("it").insert(aTask().user(other).status(TaskStatus.STOPPED).build());

            assertThat(counts.countByStatus()).isEqualTo(Map.of(TaskStatus.PENDING, 1L, TaskStatus.RUNNING, 3L,
                    TaskStatus.COMPLETED, 1L, TaskStatus.FAILED, 0L, TaskStatus.STOPPED, 1L, TaskStatus.PAUSED, 0L));
        }
    }

    @Test
    void listingAndCountingUseTheUsersIndexes() {
        for (int i = 0; i < 30; i++) {
            stored(USERS.incrementAndGet(), i, TaskStatus.RUNNING);
        }
        long user = USERS.get();
        Optional<TaskStatus> running = Optional.of(TaskStatus.RUNNING);

        Where ofUser = Where.of(TaskFilter.ofUser(user, running));
        assertThat(indexUsedBy(JdbcTaskQueries.listSql(ofUser), user, "running", 50, 0)).isEqualTo("idx_tasks_user_status");
        assertThat(indexUsedBy(JdbcTaskQueries.listSql(Where.of(TaskFilter.ofUser(user, Optional.empty()))), user, 50, 0))
                .isEqualTo("idx_tasks_user_created");
        assertThat(indexUsedBy(JdbcTaskQueries.countSql(ofUser), user, "running")).isEqualTo("idx_tasks_user_status");
        assertThat(indexUsedBy(JdbcTaskQueries.COUNT_ACTIVE, user)).isEqualTo("idx_tasks_user_status");
    }

    @Test
    void aCursorPagesThroughTasksOfTheSameMillisecondWithoutRepeatsOrGaps() {
        long user = USERS.incrementAndGet();
        stored(user, 1, TaskStatus.PENDING);
        for (int i = 0; i < 3; i++) {
            stored(user, 2, TaskStatus.PENDING);
        }
        stored(user, 3, TaskStatus.PENDING);
        TaskFilter mine = TaskFilter.ofUser(user, Optional.empty());
        List<TaskSummary> all = queries.list(mine, Optional.empty(), 50, 0);

        List<TaskSummary> pages = new ArrayList<>();
        Optional<TaskCursor> cursor = Optional.empty();
        for (int page = 0; page < 3; page++) {
            List<TaskSummary> tasks = queries.list(mine, cursor, 2, 0);
            pages.addAll(tasks);
            cursor = tasks.isEmpty() ? cursor : Optional.of(TaskCursor.after(tasks.getLast()));
        }

        assertThat(ids(pages)).containsExactlyElementsOf(ids(all)).hasSize(5);
        assertThat(all).isSortedAccordingTo(TaskCursor.NEWEST_FIRST);
    }

    @Test
    void aListingOverAllUsersFiltersByUserAndStatusAndUsesAnIndex() {
        long user = USERS.incrementAndGet();
        Task running = stored(user, 1, TaskStatus.RUNNING);
        stored(user, 2, TaskStatus.STOPPED);
        stored(USERS.incrementAndGet(), 3, TaskStatus.RUNNING);
        TaskFilter all = TaskFilter.all();

        assertThat(ids(queries.list(new TaskFilter(Optional.of(user), Optional.of(TaskStatus.RUNNING), Optional.empty(), Optional.empty()), Optional.empty(), 50, 0)))
                .containsExactly(running.id());
        assertThat(queries.count(all)).isGreaterThanOrEqualTo(3);
        assertThat(queries.list(all, Optional.empty(), 500, 0)).isSortedAccordingTo(TaskCursor.NEWEST_FIRST);
        assertThat(indexUsedBy(JdbcTaskQueries.listSql(Where.of(all)), 50, 0)).isEqualTo("idx_tasks_created");
        for (int i = 0; i < 200; i++) { // on a few rows a scan is rightly cheaper: the plan matters once the table is not tiny
            stored(USERS.get(), 4, TaskStatus.COMPLETED);
        }
        assertThat(indexUsedBy(JdbcTaskQueries.listSql(Where.of(new TaskFilter(Optional.empty(), Optional.of(TaskStatus.RUNNING), Optional.empty(), Optional.empty()))),
                "running", 50, 0)).isEqualTo("idx_tasks_status_created");
    }

    @Test
    void aNamePrefixFindsTasksWhoseNameStartsWithItLiterallyAndCaseSensitively() {
        long user = USERS.incrementAndGet();
        Task report = storedTagged(user, 1, "nightly-report", Map.of());
        Task percent = storedTagged(user, 2, "50%_done", Map.of());
        storedTagged(user, 3, "Nightly-digest", Map.of());
        storedTagged(user, 4, null, Map.of());

        assertThat(ids(queries.list(named(user, "nightly"), Optional.empty(), 50, 0))).containsExactly(report.id());
        assertThat(ids(queries.list(named(user, "50%_"), Optional.empty(), 50, 0))).containsExactly(percent.id());
        assertThat(queries.list(named(user, "5_%"), Optional.empty(), 50, 0)).isEmpty();
        assertThat(queries.count(named(user, "nightly"))).isEqualTo(1);
    }

    @Test
    void aLabelFilterKeepsTasksCarryingThatPairOverAllUsers() {
        long user = USERS.incrementAndGet();
        Task reports = storedTagged(user, 1, "a", Map.of("team", "reports", "env", "prod"));
        storedTagged(user, 2, "b", Map.of("team", "sync"));
        Task other = storedTagged(USERS.incrementAndGet(), 3, "c", Map.of("team", "reports-" + user));
        TaskFilter label = new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new TaskTags.Label("team", "reports-" + user)));

        assertThat(ids(queries.list(new TaskFilter(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.of(new TaskTags.Label("team", "reports"))), Optional.empty(), 50, 0))).containsExactly(reports.id());
        assertThat(ids(queries.list(label, Optional.empty(), 50, 0))).containsExactly(other.id());
        assertThat(queries.count(label)).isEqualTo(1);
    }

    @Test
    void aNamePrefixUsesTheUserNameIndex() {
        for (int i = 0; i < 30; i++) {
            storedTagged(USERS.get(), i, "task-" + i, Map.of());
        }
        long user = USERS.get();

        assertThat(indexUsedBy(JdbcTaskQueries.countSql(Where.of(named(user, "task-1"))), user, "task-1%"))
                .isEqualTo("idx_tasks_user_name");
    }

    private static TaskFilter named(long user, String prefix) {
        return new TaskFilter(Optional.of(user), Optional.empty(), Optional.of(prefix), Optional.empty());
    }

    private static Task storedTagged(long user, int minute, String name, Map<String, String> labels) {
        Task task = aTask().user(user).createdAt(T0.plusSeconds(60L * minute)).status(TaskStatus.PENDING).tags(name, labels).build();
        store.insert(task);
        return task;
    }

    /** The index MariaDB picks for the adapter's own statement (parameters are bound client-side). */
    private static String indexUsedBy(String select, Object... params) {
        try (Connection c = persistence.dataSource().getConnection(); PreparedStatement explain = c.prepareStatement("EXPLAIN " + select)) {
            for (int i = 0; i < params.length; i++) {
                explain.setObject(i + 1, params[i]);
            }
            try (ResultSet plan = explain.executeQuery()) { // the plan's row for the tasks table (aliased t when joined)
                while (plan.next()) {
                    if (List.of("tasks", "t").contains(plan.getString("table"))) {
                        return plan.getString("key");
                    }
                }
                throw new IllegalStateException("no plan row reads tasks: " + select);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Task stored(long user, int minute, TaskStatus status) {
        Task task = aTask().user(user).createdAt(T0.plusSeconds(60L * minute)).status(status).build();
        store.insert(task);
        return task;
    }

    private static List<TaskId> ids(List<TaskSummary> tasks) {
        return tasks.stream().map(TaskSummary::id).toList();
    }
}
