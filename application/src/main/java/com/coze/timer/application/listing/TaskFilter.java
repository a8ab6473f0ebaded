package com.coze.timer.application.listing;

import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks a listing shows: of one user or of all, optionally of one status. Every part left
 * empty matches every task.
 */
public record TaskFilter(Optional<Long> userId, Optional<TaskStatus> status) {

    public TaskFilter {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }

    /** One user's tasks, optionally of one status. */
    public static TaskFilter ofUser(long userId, Optional<TaskStatus> status) {
        return new TaskFilter(Optional.of(userId), status);
    }

    /** Whether {@code task} passes this filter (the definition the stores' queries follow). */
    public boolean matches(Task task) {
        return userId.map(id -> id == task.userId()).orElse(true)
                && status.map(s -> s == task.status()).orElse(true);
    }
}
