package com.coze.timer.application.port.out;

import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.domain.execution.DeadLetter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored dead letters (written with the failed outcomes, see {@link FinalFailure}). */
public interface DeadLetters {

    /**
     * Dead letters of {@code userId} (all users' if empty), newest failure first, ties by id
     * descending; only those after {@code after} if given, skipping the first {@code offset}.
     */
    List<DeadLetter> page(Optional<Long> userId, Optional<DeadLetterCursor> after, int limit, int offset);

    /** How many dead letters {@code userId} has. */
    long count(long userId);

    Optional<DeadLetter> find(String deadLetterId);

    /**
     * Takes the dead letter for a redrive until {@code until}, in one step: false if it is gone or
     * another redrive holds it (its {@code until} not yet past {@code now}), so that two redrives at
     * once, on any instances, never both send. The redrive's end releases it ({@link #update},
     * {@link #delete} or {@link #releaseRedrive}); a redrive that died holds it until {@code until}.
     */
    boolean takeForRedrive(String deadLetterId, Instant now, Instant until);

    /** Ends a redrive that sent nothing conclusive (it was aborted), keeping the dead letter as it was. */
    void releaseRedrive(String deadLetterId);

    /** Stores the outcome of another failed attempt and ends the redrive holding it; false if the dead letter is gone. */
    boolean update(DeadLetter deadLetter);

    /** Removes a dead letter; false if it was not there. */
    boolean delete(String deadLetterId);

    /** Removes up to {@code limit} dead letters that failed before {@code cutoff}; returns how many. */
    int purgeFailedBefore(Instant cutoff, int limit);
}
