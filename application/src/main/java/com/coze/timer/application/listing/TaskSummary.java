package com.coze.timer.application.listing;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.domain.task.TaskTags;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as a listing shows it, with its latest execution: the read model of a listing line. It
 * holds none of the sealed values (headers, body, signing secrets) nor the schedule's settings, so
 * a listing reads and decrypts none of them. {@code endpoint} is the callback URL as stored.
 */
public record TaskSummary(TaskId id, long userId, ScheduleType type, TaskStatus status, String endpoint, HttpMethod method,
                          TaskTags tags, long executionCount, Optional<Instant> nextRunTime, Optional<Instant> claimedFire,
                          Instant createdAt, Instant updatedAt, Optional<ExecutionRecord> lastExecution) {

    public TaskSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(nextRunTime, "nextRunTime");
        Objects.requireNonNull(claimedFire, "claimedFire");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastExecution, "lastExecution");
    }

    /** The summary of a whole {@code task} with its latest execution, if it has run. */
    public static TaskSummary of(Task task, Optional<ExecutionRecord> lastExecution) {
        return new TaskSummary(task.id(), task.userId(), task.schedule().type(), task.status(),
                task.callback().endpoint().toString(), task.callback().method(), task.tags(), task.executionCount(),
                task.nextRunTime(), task.pendingFire().map(PendingFire::scheduledTime), task.createdAt(), task.updatedAt(),
                lastExecution);
    }

    /** The next fire that will really happen, as of {@code now}, as {@link Task#upcomingFire} says of the whole task. */
    public Optional<Instant> upcomingFire(Instant now) {
        return Task.upcomingFire(claimedFire, status, nextRunTime, now);
    }
}
