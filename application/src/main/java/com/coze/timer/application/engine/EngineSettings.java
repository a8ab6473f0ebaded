package com.coze.timer.application.engine;

import java.time.Duration;

/**
 * How the engine runs.
 *
 * @param window how far ahead fires are claimed and put on the wheel; memory is bounded by the
 *     fires inside it, not by the number of stored tasks
 * @param refillInterval how often the window is refilled from storage
 * @param claimBatchSize the most fires claimed in one refill
 * @param maxTrackedFires the most fires held in memory (on the wheel or in flight)
 * @param lease how long after its scheduled time a claimed fire is presumed in progress; after
 *     that another instance may take it over (same execution id)
 * @param maxConsecutiveFailures failures in a row after which a recurring task fails
 * @param recordBatchSize the most outcomes written in one transaction
 * @param exclusive true when this is the only instance (embedded mode): whatever was due before it
 *     started passed while nothing ran (see {@code MisfireRule})
 * @param misfireThreshold a fire that goes out later than this after its time is a misfire (no
 *     instance ran the task meanwhile): the occurrences that passed are skipped, not replayed. A
 *     fire less late is merely late, and the next occurrence keeps its time.
 */
public record EngineSettings(
        Duration window,
        Duration refillInterval,
        int claimBatchSize,
        int maxTrackedFires,
        Duration lease,
        int maxConsecutiveFailures,
        int recordBatchSize,
        boolean exclusive,
        Duration misfireThreshold) {

    public static final EngineSettings DEFAULTS = new EngineSettings(Duration.ofSeconds(5), Duration.ofMillis(200),
            5_000, 200_000, Duration.ofMinutes(3), 10, 2_000, true, Duration.ofSeconds(5));

    public EngineSettings {
        if (window.toMillis() < 100 || refillInterval.toMillis() < 1 || refillInterval.compareTo(window) >= 0) {
            throw new IllegalArgumentException("need 1 ms <= refillInterval < window, window >= 100 ms");
        }
        if (claimBatchSize < 1 || maxTrackedFires < claimBatchSize || recordBatchSize < 1 || maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException("batch sizes and limits must be positive, maxTrackedFires >= claimBatchSize");
        }
    }

    public EngineSettings withExclusive(boolean value) {
        return new EngineSettings(window, refillInterval, claimBatchSize, maxTrackedFires, lease, maxConsecutiveFailures,
                recordBatchSize, value, misfireThreshold);
    }
}
