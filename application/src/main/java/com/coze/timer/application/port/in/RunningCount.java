package com.coze.timer.application.port.in;

import java.time.Instant;

/** How many of a user's tasks are running, as of {@code lastUpdated}. */
public record RunningCount(long userId, long runningTasks, Instant lastUpdated) {
}
