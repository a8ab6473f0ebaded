package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.task.Skips;

/** What the engine reports about its fires, for metrics. Implementations must be cheap and thread-safe. */
public interface FireMetrics {

    FireMetrics NONE = new FireMetrics() {
        @Override
        public void fired(long latenessMs) {
        }

        @Override
        public void executed(ExecutionOutcome outcome, long durationMs, int attempts) {
        }

        @Override
        public void outcomeWriteFailed(int outcomes) {
        }

        @Override
        public void outcomeIsolated() {
        }

        @Override
        public void skipped(Skips.Reason reason, long occurrences) {
        }
    };

    /** A fire was sent, {@code latenessMs} after its scheduled time (0 when on time). */
    void fired(long latenessMs);

    /** A fire finished: its outcome, how long its call took in all, and how many attempts it made. */
    void executed(ExecutionOutcome outcome, long durationMs, int attempts);

    /** Writing a batch of {@code outcomes} failed (it is retried). */
    void outcomeWriteFailed(int outcomes);

    /** One fire's outcome could not be stored with its batch: it was written alone, as failed with the reason, or given up. */
    void outcomeIsolated();

    /** {@code occurrences} of a task were skipped, not fired, for {@code reason}. */
    void skipped(Skips.Reason reason, long occurrences);
}
