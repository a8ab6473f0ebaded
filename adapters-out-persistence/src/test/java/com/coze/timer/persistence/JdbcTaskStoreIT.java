package com.coze.timer.persistence;

import static com.coze.timer.persistence.ExecutionRecords.aSuccessOf;
import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.Signing;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.domain.task.TaskTags;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcTaskStoreIT {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");
    private static String url;
    private static JdbcPersistence persistence;
    private static TaskStore store;
    private static ExecutionLog log;

    @BeforeAll
    static void openDatabase() {
        url = TestDatabase.freshDatabase();
        persistence = TestDatabase.open(url, TestDatabase.KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        store = persistence.fireLedger("it");
        log = persistence.executionLog();
    }

    @AfterAll
    static void closeDatabase() {
        persistence.close();
    }

    @Test
    void anIntervalTaskWithSecretsAndAStopConditionReadsBackEqual() {
        Task task = aTask().interval(20).method(HttpMethod.PUT)
                .header("Authorization", "Bearer s3cr3t-service-token").header("X-Trace", "abc")
                .body("{\"data\":\"example\"}")
                .maxCount(300).stopWhen("finsh", "true").stopWhen("/data/done", "true")
                .build();

        store.insert(task);

        assertThat(store.find(task.id())).contains(task);
    }

    @Test
    void aOnceTaskReadsBackEqual() {
        Task task = aTask().once(Instant.parse("2026-04-22T10:05:00.250Z")).method(HttpMethod.GET).build();

        store.insert(task);

        assertThat(store.find(task.id())).contains(task);
    }

    @Test
    void aCronTaskKeepsItsExpressionAndTimeZone() {
        Task task = aTask().cron("0 0 12 * * ?", "Asia/Shanghai").build();

        store.insert(task);

        assertThat(store.find(task.id())).contains(task);
        assertThat(RawSql.text(persistence.dataSource(), "SELECT time_zone FROM tasks WHERE task_id = ?", task.id().toString()))
                .isEqualTo("Asia/Shanghai");
    }

    @Test
    void headersAndBodyAreNotReadableInTheTable() {
        Task task = aTask().header("Authorization", "Bearer s3cr3t-service-token").body("{\"password\":\"hunter2\"}").build();

        store.insert(task);

        String headers = column(task.id(), "headers_cipher");
        String body = column(task.id(), "body_cipher");
        assertThat(headers).doesNotContain("s3cr3t").doesNotContain("Authorization").doesNotContain("Bearer");
        assertThat(body).doesNotContain("hunter2").doesNotContain("password");
    }

    @Test
    void deliverySettingsAndSigningSecretsReadBackAndTheSecretsAreSealed() {
        Task plain = aTask().build();
        Signing signing = Signing.generate().rotate(Instant.parse("2026-04-22T10:00:00.123Z"));
        Task task = plain.modify(plain.callback().withDelivery(new Delivery(0, 250, 4_000, 900_000)).withSigning(signing),
                plain.schedule(), plain.stopCondition(), plain.updatedAt()).orElseThrow();

        store.insert(task);

        assertThat(store.find(task.id())).contains(task);
        assertThat(store.find(task.id()).orElseThrow().callback().signing().secretsAt(Instant.parse("2026-04-22T10:00:01Z")))
                .containsExactly(signing.current().orElseThrow(), signing.previous().orElseThrow());
        String sealed = column(task.id(), "signing_cipher");
        assertThat(sealed).doesNotContain("whsec_").doesNotContain(signing.current().orElseThrow().substring(6, 20));
    }

    @Test
    void aTaskWithoutDeliverySettingsOrSecretReadsBackWithout() {
        Task task = aTask().build();

        store.insert(task);

        assertThat(store.find(task.id()).orElseThrow().callback().delivery()).isEmpty();
        assertThat(store.find(task.id()).orElseThrow().callback().signing()).isEqualTo(Signing.NONE);
        assertThat(column(task.id(), "signing_cipher")).isNull();
    }

    @Test
    void theStopConditionIsStoredAsTheApiSpellsIt() {
        Task task = aTask().maxCount(300).stopWhen("finsh", "true").stopWhen("/data/done", "true").build();

        store.insert(task);

        assertThat(column(task.id(), "stop_condition")).isEqualTo("{\"max_cnt\":300,\"finsh\":true,\"/data/done\":true}");
    }

    @Test
    void timesAreStoredAsUtcWallTimeToTheMillisecond() {
        Task task = aTask().createdAt(Instant.parse("2026-04-22T09:59:00.123Z")).build();

        store.insert(task);

        assertThat(column(task.id(), "CAST(created_at AS CHAR)")).isEqualTo("2026-04-22 09:59:00.123");
    }

    @Test
    void aTaskIsStoredInItsSlot() {
        Task task = aTask().build();

        store.insert(task);

        assertThat(column(task.id(), "slot")).isEqualTo(String.valueOf(Slots.of(task.id())));
    }

    @Test
    void aPendingFireIsKeptInTheFireColumnsAndClearedWithIt() {
        Task task = aTask().pendingFire("7d3c9a1e-0000-4000-8000-000000000001", Instant.parse("2026-04-22T10:00:20Z"),
                Instant.parse("2026-04-22T10:01:20.500Z")).build();
        store.insert(task);
        assertThat(store.find(task.id())).contains(task);
        assertThat(column(task.id(), "CAST(fire_lease_until AS CHAR)")).isEqualTo("2026-04-22 10:01:20.500");

        Task released = store.update(task.releaseFire(NOW).orElseThrow()).orElseThrow();

        assertThat(released.pendingFire()).isEmpty();
        assertThat(store.find(task.id())).contains(released);
        assertThat(column(task.id(), "fire_execution_id")).isNull();
        assertThat(column(task.id(), "fire_lease_until")).isNull();
    }

    @Test
    void concurrentCreatesOfOneUserInsertExactlyTheQuotasWorth() throws Exception {
        long user = 31_337;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(threads.submit(() -> store.insertWithinQuota(aTask().user(user).build(), 25)));
        }
        int inserted = 0;
        for (Future<Boolean> result : results) {
            inserted += result.get() ? 1 : 0;
        }
        threads.shutdown();

        assertThat(inserted).isEqualTo(25);
        assertThat(RawSql.text(persistence.dataSource(), "SELECT COUNT(*) FROM tasks WHERE user_id = ?", user)).isEqualTo("25");
    }

    @Test
    void anUnknownTaskIsNotFound() {
        assertThat(store.find(TaskId.random())).isEmpty();
        assertThat(store.findWithLatest(TaskId.random())).isEmpty();
    }

    @Test
    void aTaskIsReadWithItsLatestExecutionOnlyAndNoSkipsInOneGo() {
        Task task = aTask().build();
        Task other = aTask().build();
        store.insert(task);
        store.insert(other);
        assertThat(store.findWithLatest(task.id())).hasValueSatisfying(read -> {
            assertThat(read.task()).isEqualTo(task);
            assertThat(read.latestExecution()).as("no execution yet").isEmpty();
            assertThat(read.skips()).isEqualTo(Skips.NONE);
        });
        log.append(aSuccessOf(task, NOW));
        ExecutionRecord latest = log.append(aSuccessOf(task, NOW.plusSeconds(20)));
        log.append(aSuccessOf(other, NOW.plusSeconds(40)));

        assertThat(store.findWithLatest(task.id()).orElseThrow().latestExecution()).contains(latest);
    }

    @Test
    void aNameAndLabelsReadBackEqualAndChangeWithAnUpdate() {
        Task task = aTask().tags("nightly-report ✓", Map.of("team", "reports", "env", "prod")).build();
        store.insert(task);
        assertThat(store.find(task.id())).contains(task);

        Task renamed = task.withTags(new TaskTags(Optional.of("weekly"), Map.of()), NOW);
        store.update(renamed);

        Task read = store.find(task.id()).orElseThrow();
        assertThat(read.tags()).isEqualTo(new TaskTags(Optional.of("weekly"), Map.of()));
        assertThat(RawSql.text(persistence.dataSource(), "SELECT COALESCE(labels, 'NULL') FROM tasks WHERE task_id = ?",
                task.id().toString())).isEqualTo("NULL");
    }

    @Test
    void anUpdateAtTheReadVersionIsStoredAndBumpsTheVersion() {
        Task task = aTask().build();
        store.insert(task);
        Task cancelled = store.find(task.id()).orElseThrow().cancel(NOW).orElseThrow();

        Optional<Task> written = store.update(cancelled);

        assertThat(written).contains(cancelled.withVersion(1));
        Task read = store.find(task.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(read.nextRunTime()).isEmpty();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read).isEqualTo(written.get());
    }

    @Test
    void anUpdateAtAStaleVersionIsRefusedAndChangesNothing() {
        Task task = aTask().build();
        store.insert(task);
        Task claimed = store.update(task.claimNextFire("exec-1", NOW.plusSeconds(30), NOW).orElseThrow()).orElseThrow();

        Optional<Task> stale = store.update(task.cancel(NOW).orElseThrow());

        assertThat(stale).isEmpty();
        assertThat(store.find(task.id())).contains(claimed);
    }

    @Test
    void anUpdateOfADeletedTaskIsRefused() {
        Task task = aTask().build();
        store.insert(task);
        store.delete(task.id());

        assertThat(store.update(task.cancel(NOW).orElseThrow())).isEmpty();
    }

    @Test
    void deleteRemovesTheTaskAndItsHistoryButNoOtherTasks() {
        Task doomed = aTask().build();
        Task kept = aTask().build();
        store.insert(doomed);
        store.insert(kept);
        log.append(aSuccessOf(doomed, NOW));
        log.append(aSuccessOf(doomed, NOW.plusSeconds(20)));
        log.append(aSuccessOf(kept, NOW));

        assertThat(store.delete(doomed.id())).isTrue();

        assertThat(store.find(doomed.id())).isEmpty();
        assertThat(log.recent(doomed.id(), 10, Optional.empty())).isEmpty();
        assertThat(store.find(kept.id())).isPresent();
        assertThat(log.recent(kept.id(), 10, Optional.empty())).hasSize(1);
    }

    @Test
    void deletingAnUnknownTaskReportsThatNothingWasThere() {
        assertThat(store.delete(TaskId.random())).isFalse();
    }

    @Test
    void aTaskReadWithAnotherKeySaysTheKeyIsWrong() {
        Task task = aTask().header("Authorization", "Bearer s3cr3t").build();
        store.insert(task);
        byte[] otherKey = "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII);

        try (JdbcPersistence wrongKey = TestDatabase.open(url, otherKey, Clock.systemUTC())) {
            assertThatThrownBy(() -> wrongKey.fireLedger("it").find(task.id()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot decrypt task " + task.id() + ": wrong TIMER_ENCRYPTION_KEY?");
        }
    }

    @Test
    void aSealedValueMovedToAnotherTaskDoesNotOpen() {
        Task victim = aTask().header("Authorization", "Bearer victim-token").build();
        Task attacker = aTask().header("X-Plain", "nothing").build();
        store.insert(victim);
        store.insert(attacker);

        RawSql.update(persistence.dataSource(), "UPDATE tasks SET headers_cipher = ? WHERE task_id = ?",
                column(victim.id(), "headers_cipher"), attacker.id().toString());

        assertThatThrownBy(() -> store.find(attacker.id())).hasMessageContaining("cannot decrypt task " + attacker.id());
    }

    @Test
    void aBrokenDatabaseIsAnExceptionNotAnEmptyAnswer() {
        JdbcPersistence closed = TestDatabase.open(url, TestDatabase.KEY, Clock.systemUTC());
        closed.close();

        assertThatThrownBy(() -> closed.fireLedger("it").find(TaskId.random()))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("reading task");
    }

    private static String column(TaskId id, String column) {
        return RawSql.text(persistence.dataSource(), "SELECT " + column + " FROM tasks WHERE task_id = ?", id.toString());
    }
}
