package com.coze.timer.application.engine;

import com.coze.timer.application.json.CanonicalJson;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.stop.ResponseDocument;
import com.coze.timer.domain.stop.StopPolicy.ExecutionFacts;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import java.util.Optional;

/** Turns a finished call into its log record and into the task's next state. */
final class Outcomes {

    private final int maxConsecutiveFailures;

    Outcomes(int maxConsecutiveFailures) {
        this.maxConsecutiveFailures = maxConsecutiveFailures;
    }

    static ExecutionRecord record(Task task, PendingFire fire, CallbackResult result) {
        ExecutionOutcome outcome = result.aborted() ? ExecutionOutcome.ABORTED
                : result.success() ? ExecutionOutcome.SUCCESS : ExecutionOutcome.FAILURE;
        return new ExecutionRecord(0, fire.executionId(), task.id(), task.userId(), fire.scheduledTime(),
                result.startedAt(), result.durationMs(), result.httpStatus(), result.body(), result.attempts(), outcome,
                result.error());
    }

    /** The task after {@code result}: counted, stop policies applied (a rejection if it ended meanwhile). */
    Result<Task> apply(Task task, String executionId, CallbackResult result, Instant now) {
        ResponseDocument response = result.body().map(Outcomes::parsedOnDemand).orElse(ResponseDocument.EMPTY);
        ExecutionFacts facts = new ExecutionFacts(0, result.httpStatus().isPresent(), response);
        return task.recordExecution(executionId, result.success(), facts, maxConsecutiveFailures, now);
    }

    /**
     * The body as a document that is parsed only when a stop policy reads a field of it: most tasks
     * have no such policy, and parsing every response took a third of the outcome writer's time.
     * Read by one thread at a time.
     */
    private static ResponseDocument parsedOnDemand(String body) {
        return new ResponseDocument() {
            private ResponseDocument parsed;

            @Override
            public Optional<String> canonicalValueAt(String jsonPointer) {
                if (parsed == null) {
                    parsed = CanonicalJson.document(body);
                }
                return parsed.canonicalValueAt(jsonPointer);
            }
        };
    }
}
