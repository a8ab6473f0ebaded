package com.coze.timer.application.port.in;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a listing, the latest execution of each of its tasks that has one, how many tasks
 * match in all, the cursor of the next page when there are more tasks after this one, and when it
 * was read (for each task's next fire as of then).
 */
public record TaskPage(List<Task> tasks, Map<TaskId, ExecutionRecord> lastExecutions, long total, PageRequest request,
                       Optional<TaskCursor> next, Instant readAt) {

    /** The next fire of {@code task} that will really happen, as of when the page was read ({@link Task#upcomingFire}). */
    public Optional<Instant> nextFire(Task task) {
        return task.upcomingFire(readAt);
    }

    /** The latest execution of {@code task}, if it has run. */
    public Optional<ExecutionRecord> lastExecution(Task task) {
        return Optional.ofNullable(lastExecutions.get(task.id()));
    }
}
