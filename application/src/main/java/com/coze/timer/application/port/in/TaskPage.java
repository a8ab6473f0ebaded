package com.coze.timer.application.port.in;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.domain.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, how many tasks match in all, and the cursor of the next page when there
 * are more tasks after this one.
 */
public record TaskPage(List<Task> tasks, long total, PageRequest request, Optional<TaskCursor> next) {
}
