package com.coze.timer.application.engine;

import com.coze.timer.application.json.CanonicalJson;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.stop.ResponseDocument;
import com.coze.timer.domain.stop.StopPolicy.ExecutionFacts;
import com.coze.timer.domain.task.MisfireRule;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.SecretHeaders;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Instant;
import java.util.Optional;

/** Turns a finished call into its log record and into the task's next state, and says why a task ended. */
final class Outcomes {

    private final int maxConsecutiveFailures;
    private final MisfireRule misfires;

    Outcomes(int maxConsecutiveFailures, MisfireRule misfires) {
        this.maxConsecutiveFailures = maxConsecutiveFailures;
        this.misfires = misfires;
    }

    /** A finished fire judged: the result as recorded (failed when it could not be evaluated), its record, the task after it. */
    record Evaluation(CallbackResult result, ExecutionRecord record, Result<Task> next) {
    }

    /**
     * Judges a finished fire. A response the stop policies cannot read (too deep, too large) fails
     * the execution with that reason; {@code asFailed} records it as failed whatever happened (its
     * outcome could not be stored as it was). Never throws for anything about the response.
     */
    Evaluation evaluate(FireWheel.Finished done, boolean asFailed, Instant now) {
        CallbackResult result = done.result();
        if (asFailed) {
            return failed(done, result, "the outcome could not be stored as it was", now);
        }
        try {
            return new Evaluation(result, record(done.task(), done.fire(), result), apply(done.task(), done.fire(), result, now));
        } catch (CanonicalJson.UnreadableDocument e) {
            return failed(done, result, "stop_condition not evaluated: " + e.getMessage(), now);
        }
    }

    /**
     * Why occurrences passed over after {@code done} were skipped: a misfire when its call went out
     * after the misfire threshold (no instance ran the task meanwhile), else its call was in flight.
     */
    Skips.Reason skipReason(FireWheel.Finished done) {
        return misfires.isMisfire(done.fire().scheduledTime(), done.result().startedAt()) ? Skips.Reason.MISFIRE : Skips.Reason.IN_FLIGHT;
    }

    /** The same judgement applied to the task as stored now (after losing a race to a change). */
    Result<Task> reapply(Task current, PendingFire fire, Evaluation evaluation, Instant now) {
        return apply(current, fire, evaluation.result(), now);
    }

    private Evaluation failed(FireWheel.Finished done, CallbackResult result, String reason, Instant now) {
        CallbackResult failed = new CallbackResult(false, result.aborted(), result.httpStatus(), Optional.empty(), result.attempts(),
                Optional.of(reason), result.startedAt(), result.durationMs());
        ExecutionRecord record = record(done.task(), done.fire(),
                new CallbackResult(false, result.aborted(), result.httpStatus(), result.body(), result.attempts(), Optional.of(reason),
                        result.startedAt(), result.durationMs()));
        return new Evaluation(failed, record, apply(done.task(), done.fire(), failed, now));
    }

    /** The log record of a call; a target that echoes the request finds the task's secret header values masked in it. */
    static ExecutionRecord record(Task task, PendingFire fire, CallbackResult result) {
        Optional<String> body = result.body().map(text -> SecretHeaders.redactIn(text, task.callback().headers()));
        return new ExecutionRecord(0, fire.executionId(), task.id(), task.userId(), fire.scheduledTime(),
                result.startedAt(), result.durationMs(), result.httpStatus(), body, result.attempts(), outcomeOf(result),
                result.error());
    }

    static ExecutionOutcome outcomeOf(CallbackResult result) {
        return ExecutionOutcome.of(result.aborted(), result.success());
    }

    /**
     * The task after {@code result}: counted, stop policies applied (a rejection if it ended
     * meanwhile); after a misfire (by {@link MisfireRule}, judged when the call started), on to the
     * first occurrence after now.
     */
    Result<Task> apply(Task task, PendingFire fire, CallbackResult result, Instant now) {
        ResponseDocument response = result.body().map(Outcomes::parsedOnDemand).orElse(ResponseDocument.EMPTY);
        ExecutionFacts facts = new ExecutionFacts(0, result.httpStatus().isPresent(), response);
        Result<Task> counted = task.recordExecution(fire.executionId(), result.success(), facts, maxConsecutiveFailures, now);
        boolean misfired = misfires.isMisfire(fire.scheduledTime(), result.startedAt());
        return misfired ? counted.flatMap(t -> t.resumeAfter(now)) : counted;
    }

    /**
     * Why {@code ended}, just completed or failed by the execution that returned {@code result}, ended
     * (for the task log); the same questions, in the same order, as {@link Task#recordExecution}.
     */
    static String endReason(Task ended, CallbackResult result) {
        boolean once = ended.schedule().type() == ScheduleType.ONCE;
        if (ended.status() == TaskStatus.FAILED) {
            return once ? "its only execution failed" : ended.consecutiveFailures() + " failures in a row";
        }
        StopCondition stop = ended.stopCondition();
        if (stop.maxCount().filter(max -> ended.executionCount() >= max).isPresent()) {
            return "max_cnt reached";
        }
        ResponseDocument response = result.body().map(Outcomes::parsedOnDemand).orElse(ResponseDocument.EMPTY);
        if (!stop.fieldMatches().isEmpty()
                && stop.isMetBy(new ExecutionFacts(ended.executionCount(), result.httpStatus().isPresent(), response))) {
            return "stop_condition met by the response"; // a result that could not be evaluated carries no body
        }
        return once ? "its only execution succeeded" : "no further fire time";
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
