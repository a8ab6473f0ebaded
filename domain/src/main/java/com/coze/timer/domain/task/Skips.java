package com.coze.timer.domain.task;

import java.time.Instant;
import java.util.Optional;

/**
 * Occurrences of a task that were skipped, not fired — a call of the task still in flight when
 * they came ({@link Reason#IN_FLIGHT}), or a misfire after downtime ({@link Reason#MISFIRE}) — and
 * the last skip, as GET shows them.
 */
public record Skips(long count, Optional<Reason> lastReason, Optional<Instant> lastTime) {

    public static final Skips NONE = new Skips(0, Optional.empty(), Optional.empty());
    /** Counting stops here: past it, the figure says "at least". */
    static final long MAX_COUNTED = 1_000_000;

    /** Why occurrences were skipped; {@code wire} is the API's and the metric's spelling. */
    public enum Reason {
        IN_FLIGHT("in_flight"),
        MISFIRE("misfire");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** Parses the stored spelling; empty for anything else. */
        public static Optional<Reason> fromWire(String text) {
            for (Reason reason : values()) {
                if (reason.wire.equals(text)) {
                    return Optional.of(reason);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * How many occurrences the engine's move from {@code before} to {@code after} skipped: those on
     * the task's grid from {@code before}'s next run time up to {@code after}'s, except a fire that
     * {@code after} newly claimed among them. 0 when nothing was passed over.
     */
    public static long between(Task before, Task after) {
        if (before.nextRunTime().isEmpty() || after.nextRunTime().isEmpty()) {
            return 0;
        }
        Instant from = before.nextRunTime().get();
        Instant until = after.nextRunTime().get();
        Optional<Instant> claimed = after.pendingFire().filter(fire -> !before.pendingFire().equals(after.pendingFire()))
                .map(PendingFire::scheduledTime);
        long passed = 0;
        for (Instant at = from; at.isBefore(until) && passed < MAX_COUNTED; ) {
            passed += claimed.filter(at::equals).isPresent() ? 0 : 1;
            Optional<Instant> next = after.schedule().nextFireAfter(at, at);
            if (next.isEmpty() || !next.get().isAfter(at)) {
                break;
            }
            at = next.get();
        }
        return passed;
    }
}
