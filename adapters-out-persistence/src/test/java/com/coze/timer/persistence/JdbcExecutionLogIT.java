package com.coze.timer.persistence;

import static com.coze.timer.persistence.ExecutionRecords.aFailureOf;
import static com.coze.timer.persistence.ExecutionRecords.aSuccessOf;
import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcExecutionLogIT {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00.500Z");
    private static final Instant SCHEDULED = Instant.parse("2026-04-22T10:00:20Z");
    private static JdbcPersistence persistence;
    private static ExecutionLog log;

    @BeforeAll
    static void openDatabase() {
        persistence = TestDatabase.freshPersistence(Clock.fixed(NOW, ZoneOffset.UTC));
        log = persistence.executionLog();
    }

    @AfterAll
    static void closeDatabase() {
        persistence.close();
    }

    @Test
    void anAppendedRecordGetsALogIdAndReadsBackEqual() {
        Task task = aTask().build();

        ExecutionRecord success = log.append(aSuccessOf(task, SCHEDULED));
        ExecutionRecord failure = log.append(aFailureOf(task, SCHEDULED.plusSeconds(20)));

        assertThat(success.logId()).isPositive();
        assertThat(failure.logId()).isGreaterThan(success.logId());
        assertThat(log.recent(task.id(), 10, Optional.empty())).containsExactly(failure, success);
    }

    @Test
    void theRowIsStampedWithTheClock() {
        ExecutionRecord record = log.append(aSuccessOf(aTask().build(), SCHEDULED));

        assertThat(RawSql.text(persistence.dataSource(), "SELECT CAST(created_at AS CHAR) FROM task_logs WHERE log_id = ?",
                record.logId())).isEqualTo("2026-04-22 10:00:00.500");
    }

    @Test
    void recentIsNewestFirstAndPagesBeforeALogId() {
        Task task = aTask().build();
        List<ExecutionRecord> written = IntStream.range(0, 5)
                .mapToObj(i -> log.append(aSuccessOf(task, SCHEDULED.plusSeconds(20L * i))))
                .toList();

        List<ExecutionRecord> firstPage = log.recent(task.id(), 2, Optional.empty());
        List<ExecutionRecord> secondPage = log.recent(task.id(), 2, Optional.of(firstPage.get(1).logId()));
        List<ExecutionRecord> lastPage = log.recent(task.id(), 2, Optional.of(secondPage.get(1).logId()));

        assertThat(firstPage).containsExactly(written.get(4), written.get(3));
        assertThat(secondPage).containsExactly(written.get(2), written.get(1));
        assertThat(lastPage).containsExactly(written.get(0));
    }

    @Test
    void latestIsTheMostRecentRecordOfThatTaskOnly() {
        Task task = aTask().build();
        Task other = aTask().build();
        log.append(aSuccessOf(task, SCHEDULED));
        ExecutionRecord last = log.append(aFailureOf(task, SCHEDULED.plusSeconds(20)));
        log.append(aSuccessOf(other, SCHEDULED.plusSeconds(40)));

        assertThat(log.latest(task.id())).contains(last);
    }

    @Test
    void aTaskWithoutExecutionsHasNoHistory() {
        assertThat(log.recent(aTask().build().id(), 10, Optional.empty())).isEmpty();
        assertThat(log.latest(aTask().build().id())).isEmpty();
    }
}
