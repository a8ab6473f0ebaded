package com.coze.timer.application.listing;

import com.coze.timer.domain.execution.DeadLetter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A place in the dead-letter listing, which is ordered newest failure first, ties by dead letter id
 * descending: a page that starts at a cursor holds the dead letters strictly after it, as
 * {@link TaskCursor} does for tasks.
 */
public record DeadLetterCursor(Instant failedAt, String deadLetterId) {

    public DeadLetterCursor {
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(deadLetterId, "deadLetterId");
        failedAt = failedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The cursor just after {@code deadLetter}. */
    public static DeadLetterCursor after(DeadLetter deadLetter) {
        return new DeadLetterCursor(deadLetter.failedAt(), deadLetter.deadLetterId());
    }
}
