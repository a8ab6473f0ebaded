package com.coze.timer.application.task;


import com.coze.timer.domain.task.Delivery;
import java.util.Objects;

/**
 * Limits and defaults the task use cases apply.
 *
 * @param allowPrivateTargets whether callbacks may go to loopback, private and link-local addresses
 * @param maxActiveTasksPerUser how many pending or running tasks one user may have
 * @param delivery the service's retry and timeout settings, which a new task takes where it chooses none
 */
public record TaskPolicy(boolean allowPrivateTargets, long maxActiveTasksPerUser, Delivery delivery) {

    public static final TaskPolicy DEFAULT = new TaskPolicy(false, 10_000);

    public TaskPolicy {
        if (maxActiveTasksPerUser < 1) {
            throw new IllegalArgumentException("maxActiveTasksPerUser must be >= 1");
        }
        Objects.requireNonNull(delivery, "delivery");
    }

    /** With the contract's delivery settings. */
    public TaskPolicy(boolean allowPrivateTargets, long maxActiveTasksPerUser) {
        this(allowPrivateTargets, maxActiveTasksPerUser, Delivery.CONTRACT);
    }
}
