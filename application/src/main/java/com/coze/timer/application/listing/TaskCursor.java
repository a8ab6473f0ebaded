package com.coze.timer.application.listing;

import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in a listing, which is ordered newest first: by creation time descending, ties by task id
 * (its text) descending. A page that starts at a cursor holds the tasks strictly after it in that
 * order, so tasks created or deleted meanwhile neither repeat nor skip any other task.
 */
public record TaskCursor(Instant createdAt, TaskId taskId) {

    /** The listing order: newest first, ties by task id text descending, as the database sorts them. */
    public static final Comparator<TaskSummary> NEWEST_FIRST = Comparator.comparing(TaskSummary::createdAt)
            .thenComparing(task -> task.id().toString()).reversed();

    public TaskCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(taskId, "taskId");
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The cursor just after {@code task}: the next page starts with the task that follows it. */
    public static TaskCursor after(TaskSummary task) {
        return new TaskCursor(task.createdAt(), task.id());
    }

    /** Whether {@code task} comes after this cursor in the listing order. */
    public boolean precedes(TaskSummary task) {
        int byTime = task.createdAt().truncatedTo(ChronoUnit.MILLIS).compareTo(createdAt);
        return byTime < 0 || byTime == 0 && task.id().toString().compareTo(taskId.toString()) < 0;
    }
}
