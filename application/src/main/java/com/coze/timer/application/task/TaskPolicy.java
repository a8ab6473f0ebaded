package com.coze.timer.application.task;

/**
 * Limits the task use cases enforce.
 *
 * @param allowPrivateTargets whether callbacks may go to loopback, private and link-local addresses
 * @param maxActiveTasksPerUser how many pending or running tasks one user may have
 */
public record TaskPolicy(boolean allowPrivateTargets, long maxActiveTasksPerUser) {

    public static final TaskPolicy DEFAULT = new TaskPolicy(false, 10_000);

    public TaskPolicy {
        if (maxActiveTasksPerUser < 1) {
            throw new IllegalArgumentException("maxActiveTasksPerUser must be >= 1");
        }
    }
}
