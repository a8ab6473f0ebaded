package com.coze.timer.application.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How long execution records and dead letters are kept, and how many records a task keeps at most
 * (each empty: unbounded); and the pace of the purge: batches of at most {@code batchSize} rows,
 * {@code pause} between two batches, a round every {@code interval}.
 */
public record RetentionSettings(Optional<Duration> logs, OptionalInt maxLogsPerTask, Optional<Duration> deadLetters,
                                int batchSize, Duration pause, Duration interval) {

    public RetentionSettings {
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(deadLetters, "deadLetters");
        if (batchSize < 1 || maxLogsPerTask.isPresent() && maxLogsPerTask.getAsInt() < 1) {
            throw new IllegalArgumentException("the batch size and the cap per task must be >= 1");
        }
    }

    /** Whether anything is ever purged. */
    public boolean purges() {
        return logs.isPresent() || maxLogsPerTask.isPresent() || deadLetters.isPresent();
    }
}
