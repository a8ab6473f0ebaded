package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The five states of a task and, in one place, the moves between them:
 *
 * <pre>
 * pending ──fire──► running ──fire──► running
 *    │                 │
 *    ├──complete/fail──┼──► completed | failed     (final)
 *    └──────stop───────┴──► stopped                (final)
 * </pre>
 *
 * A once task may complete or fail straight from pending (its only fire). Final states accept no move.
 */
public enum TaskStatus {
    PENDING("pending"),
    RUNNING("running"),
    COMPLETED("completed"),
    FAILED("failed"),
    STOPPED("stopped");

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

    /** The states a task may move to from this one. */
    public Set<TaskStatus> successors() {
        return switch (this) {
            case PENDING, RUNNING -> EnumSet.of(RUNNING, COMPLETED, FAILED, STOPPED);
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
