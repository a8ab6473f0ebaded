package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.FinalFailure;
import com.coze.timer.application.port.out.FireLedger.Completion;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What a final failure leaves behind: a dead letter always, a failure callback when the task names one. */
class FinalFailuresTest {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:05Z");

    @Test
    void aFailureGetsADeadLetterAndTheFailureCallbackDocument() {
        Task task = aTask().interval(10).failureCallback("https://example.com/failures").build();
        ExecutionRecord failed = record(task, ExecutionOutcome.FAILURE, "x".repeat(5_000));

        FinalFailure failure = FinalFailures.attach(new Completion(failed, Optional.empty()), task, NOW).failure().orElseThrow();

        assertThat(failure.deadLetter().executionId()).isEqualTo(failed.executionId());
        assertThat(failure.deadLetter().request()).isEqualTo(task.callback());
        assertThat(failure.deadLetter().failedAt()).isEqualTo(NOW);
        JsonObject document = Json.createReader(new StringReader(failure.notice().orElseThrow().payload())).readObject();
        assertThat(document.keySet()).containsExactlyInAnyOrder("task_id", "execution_id", "scheduled_time", "attempts", "http_status",
                "error", "response_body");
        assertThat(document.getString("execution_id")).isEqualTo(failed.executionId());
        assertThat(document.getInt("http_status")).isEqualTo(400);
        assertThat(document.getString("response_body")).hasSize(FinalFailures.MAX_RESPONSE_BODY_CHARS);
        assertThat(failure.notice().orElseThrow().noticeId()).isNotEqualTo(failed.executionId());
    }

    @Test
    void withoutAFailureCallbackUrlThereIsADeadLetterOnly() {
        Task task = aTask().interval(10).build();
        Completion completion = FinalFailures.attach(new Completion(record(task, ExecutionOutcome.FAILURE, "no"), Optional.empty()),
                task, NOW);
        assertThat(completion.failure().orElseThrow().notice()).isEmpty();
    }

    @Test
    void successesAndAbortsLeaveNothing() {
        Task task = aTask().interval(10).failureCallback("https://example.com/failures").build();
        for (ExecutionOutcome outcome : new ExecutionOutcome[] {ExecutionOutcome.SUCCESS, ExecutionOutcome.ABORTED}) {
            Completion completion = new Completion(record(task, outcome, "{}"), Optional.empty());
            assertThat(FinalFailures.attach(completion, task, NOW)).isSameAs(completion);
        }
    }

    private static ExecutionRecord record(Task task, ExecutionOutcome outcome, String body) {
        return new ExecutionRecord(0, "exec-1", task.id(), task.userId(), NOW.minusSeconds(5), NOW.minusSeconds(5), 20,
                OptionalInt.of(400), Optional.of(body), 1, outcome, Optional.of("HTTP 400"));
    }
}
