package com.coze.timer.domain.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a fire counts as a misfire — an occurrence that passed while no instance ran the task — so
 * that it fires once and the occurrences that passed are skipped, not replayed (the next fire is the
 * first after the moment it is handled). A fire is a misfire when it was due before the running
 * scheduler started ({@code runningSince}: whatever was due then passed during downtime, however
 * short), or when it goes out more than {@code threshold} after its time. A fire less late is
 * merely late, and the next occurrence keeps its place on the grid.
 */
public record MisfireRule(Duration threshold, Instant runningSince) {

    /** Any lateness is a misfire. */
    public static final MisfireRule ANY_LATENESS = new MisfireRule(Duration.ZERO, Instant.MIN);

    public MisfireRule {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(runningSince, "runningSince");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must not be negative");
        }
    }

    /** Whether the occurrence {@code scheduled}, going out at {@code firedAt}, is a misfire. */
    public boolean isMisfire(Instant scheduled, Instant firedAt) {
        return scheduled.isBefore(runningSince) || Duration.between(scheduled, firedAt).compareTo(threshold) > 0;
    }
}
