package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.ExecutionOutcome;

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
    };

    /** A fire was sent, {@code latenessMs} after its scheduled time (0 when on time). */
    void fired(long latenessMs);

    /** A fire finished: its outcome, how long its call took in all, and how many attempts it made. */
    void executed(ExecutionOutcome outcome, long durationMs, int attempts);

    /** Writing a batch of {@code outcomes} failed (it is retried). */
    void outcomeWriteFailed(int outcomes);
}
