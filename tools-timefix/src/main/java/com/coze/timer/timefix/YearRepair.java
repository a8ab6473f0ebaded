package com.coze.timer.timefix;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The date arithmetic of the repair: a timestamp whose year is after {@code wrongAfter} gets the
 * year {@code targetYear}, keeping month, day, hour, minute, second and fraction. A timestamp in
 * {@code wrongAfter} or earlier is left alone.
 *
 * <p>29 February has no counterpart in a common year; it becomes 28 February there, and the result
 * says so, so that the report can point it out.
 *
 * <p>Invariant: {@code targetYear <= wrongAfter}, so a repaired value is never detected as wrong
 * again and a second run finds nothing to do.
 */
record YearRepair(int wrongAfter, int targetYear) {

    /** A repaired timestamp, and whether 29 February had to become 28 February. */
    record Repaired(LocalDateTime value, boolean leapDayClamped) {
    }

    YearRepair {
        if (targetYear > wrongAfter) {
            throw new IllegalArgumentException("the target year " + targetYear
                    + " must not be after the wrong-year threshold " + wrongAfter
                    + ", or the repaired values would be found wrong again");
        }
    }

    /** Whether {@code value} carries a wrong year; {@code null} (no value) never does. */
    boolean isWrong(LocalDateTime value) {
        return value != null && value.getYear() > wrongAfter;
    }

    /** The repaired value, or empty when {@code value} needs no repair. */
    Optional<Repaired> repair(LocalDateTime value) {
        if (!isWrong(value)) {
            return Optional.empty();
        }
        // withYear clamps an invalid 29 February to 28 February and keeps everything else.
        LocalDateTime repaired = value.withYear(targetYear);
        boolean clamped = repaired.getDayOfMonth() != value.getDayOfMonth();
        return Optional.of(new Repaired(repaired, clamped));
    }

    /** The first moment that counts as wrong: 1 January of the year after {@code wrongAfter}. */
    LocalDateTime firstWrongMoment() {
        return LocalDateTime.of(wrongAfter + 1, 1, 1, 0, 0);
    }
}
