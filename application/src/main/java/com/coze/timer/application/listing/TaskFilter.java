package com.coze.timer.application.listing;

import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.domain.task.TaskTags;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks a listing shows: of one user or of all, optionally of one status, whose name starts
 * with a prefix (case-sensitive), and that carry a label. Every part left empty matches every task.
 */
public record TaskFilter(Optional<Long> userId, Optional<TaskStatus> status, Optional<String> namePrefix,
                         Optional<TaskTags.Label> label) {

    public TaskFilter {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(label, "label");
        namePrefix = namePrefix.filter(prefix -> !prefix.isEmpty());
    }

    /** Every task. */
    public static TaskFilter all() {
        return new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** One user's tasks, optionally of one status. */
    public static TaskFilter ofUser(long userId, Optional<TaskStatus> status) {
        return new TaskFilter(Optional.of(userId), status, Optional.empty(), Optional.empty());
    }

    /** Whether {@code task} passes this filter (the definition the stores' queries follow). */
    public boolean matches(Task task) {
        return userId.map(id -> id == task.userId()).orElse(true)
                && status.map(s -> s == task.status()).orElse(true)
                && namePrefix.map(prefix -> task.tags().nameStartsWith(prefix)).orElse(true)
                && label.map(l -> task.tags().has(l)).orElse(true);
    }
}
