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

        @Override
        public void outcomeIsolated() {
        }

        @Override
        public void skipped(SkipReason reason, long occurrences) {
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
    void skipped(SkipReason reason, long occurrences);

    /** Why occurrences were skipped; {@code wire} is the metric label and the API's {@code last_skip_reason}. */
    enum SkipReason {
        /** A call of the task was still in flight when they came. */
        IN_FLIGHT("in_flight"),
        /** They passed while no instance ran the task (downtime, fail-over). */
        MISFIRE("misfire");

        private final String wire;

        SkipReason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
