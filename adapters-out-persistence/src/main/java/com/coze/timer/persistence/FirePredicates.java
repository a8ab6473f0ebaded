package com.coze.timer.persistence;

import com.coze.timer.domain.task.FireState;
import com.coze.timer.domain.task.TaskStatus;
import java.util.stream.Collectors;

/**
 * The rules of {@link FireState} as SQL conditions on the {@code tasks} table, derived from the
 * domain so that storage and the engine never disagree on what is claimable or claimed.
 */
final class FirePredicates {

    /** {@link FireState#isUpcoming()}: no claim, a next run time, and a status that fires on its schedule. */
    static final String UPCOMING = "fire_execution_id IS NULL AND next_run_time IS NOT NULL AND status IN ("
            + TaskStatus.firingOnSchedule().stream().map(status -> "'" + status.wire() + "'").collect(Collectors.joining(", "))
            + ")";

    /** {@link FireState.Claimed}: a fire is claimed (final tasks hold none). */
    static final String CLAIMED = "fire_execution_id IS NOT NULL";

    private FirePredicates() {
    }
}
