package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The six states of a task and, in one place, the moves between them:
 *
 * <pre>
 * pending ──fire──► running ──fire──► running
 *    │  ▲              │  ▲
 *    │  └──resume──┐   │  └──resume──┐
 *    ├──pause──► paused ◄──pause─────┘           (fires nothing on its schedule)
 *    ├──complete/fail──┼──► completed | failed     (final)
 *    └──────stop───────┴──► stopped                (final)
 * </pre>
 *
 * A once task may complete or fail straight from pending (its only fire); a paused task may complete
 * or fail by the outcome of a call that was in flight when it was paused, or of a run asked for
 * while paused. Final states accept no move. Only {@link #firesOnSchedule()} states are claimed.
 */
public enum TaskStatus {
    PENDING("pending"),
    RUNNING("running"),
    COMPLETED("completed"),
    FAILED("failed"),
    STOPPED("stopped"),
    PAUSED("paused");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** True for completed, failed and stopped: nothing more happens to such a task. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }

    /** True for pending and running: the states whose occurrences are claimed and fired. */
    public boolean firesOnSchedule() {
        return this == PENDING || this == RUNNING;
    }

    /** The states that {@link #firesOnSchedule()}, for storage predicates that select claimable tasks. */
    public static Set<TaskStatus> firingOnSchedule() {
        return EnumSet.of(PENDING, RUNNING);
    }

    /** The states a task may move to from this one. */
    public Set<TaskStatus> successors() {
        return switch (this) {
            case PENDING, RUNNING -> EnumSet.of(RUNNING, PAUSED, COMPLETED, FAILED, STOPPED);
            case PAUSED -> EnumSet.of(PENDING, RUNNING, COMPLETED, FAILED, STOPPED);
            case COMPLETED, FAILED, STOPPED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    public boolean canMoveTo(TaskStatus next) {
        return successors().contains(next);
    }

    /** Parses the API spelling; anything else is an {@link InvalidArgument} on {@code field}. */
    public static TaskStatus fromWire(String name, String field) {
        for (TaskStatus s : values()) {
            if (s.wire.equals(name)) {
                return s;
            }
        }
        String allowed = Arrays.stream(values()).map(TaskStatus::wire).collect(Collectors.joining(", "));
        throw new InvalidArgument(field, field + " must be one of " + allowed + ", not '" + name + "'");
    }
}
