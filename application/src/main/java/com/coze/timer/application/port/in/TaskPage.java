package com.coze.timer.application.port.in;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a listing, the latest execution of each of its tasks that has one, how many tasks
 * match in all, and the cursor of the next page when there are more tasks after this one.
 */
public record TaskPage(List<Task> tasks, Map<TaskId, ExecutionRecord> lastExecutions, long total, PageRequest request,
                       Optional<TaskCursor> next) {

    /** The latest execution of {@code task}, if it has run. */
    public Optional<ExecutionRecord> lastExecution(Task task) {
        return Optional.ofNullable(lastExecutions.get(task.id()));
    }
}
