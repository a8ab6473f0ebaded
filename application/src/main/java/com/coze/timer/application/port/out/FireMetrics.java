package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.task.Skips;

/**
 * What the engine reports about its fires, for metrics; every report is a no-op unless an
 * implementation counts it. Implementations must be cheap and thread-safe.
 */
public interface FireMetrics {

    FireMetrics NONE = new FireMetrics() { };

    /** A fire was sent, {@code latenessMs} after its scheduled time (0 when on time). */
    default void fired(long latenessMs) {
    }

    /** A fire finished: its outcome, how long its call took in all, and how many attempts it made. */
    default void executed(ExecutionOutcome outcome, long durationMs, int attempts) {
    }

    /** Writing a batch of {@code outcomes} failed (it is retried). */
    default void outcomeWriteFailed(int outcomes) {
    }

    /** One fire's outcome could not be stored with its batch: it was written alone, as failed with the reason, or given up. */
    default void outcomeIsolated() {
    }

    /** {@code occurrences} of a task were skipped, not fired, for {@code reason}. */
    default void skipped(Skips.Reason reason, long occurrences) {
    }
}
