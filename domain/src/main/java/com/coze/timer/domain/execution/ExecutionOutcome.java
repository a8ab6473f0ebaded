package com.coze.timer.domain.execution;

/** How an execution ended. */
public enum ExecutionOutcome {
    /** A 2xx response. */
    SUCCESS("success"),
    /** No 2xx response after all attempts. */
    FAILURE("failure"),
    /** Cut short because the task was cancelled while the call was in flight. */
    ABORTED("aborted");

    private final String wire;

    ExecutionOutcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The outcome of a call that was {@code aborted}, or else ended in {@code success} or not. */
    public static ExecutionOutcome of(boolean aborted, boolean success) {
        return aborted ? ABORTED : success ? SUCCESS : FAILURE;
    }

    public static ExecutionOutcome fromWire(String name) {
        for (ExecutionOutcome o : values()) {
            if (o.wire.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown execution outcome " + name);
    }
}
