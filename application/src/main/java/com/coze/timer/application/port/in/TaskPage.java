package com.coze.timer.application.port.in;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing (each task with its latest execution, if it has run), how many tasks
 * match in all, the cursor of the next page when there are more tasks after this one, and when it
 * was read (for each task's next fire as of then).
 */
public record TaskPage(List<TaskSummary> tasks, long total, PageRequest request, Optional<TaskCursor> next, Instant readAt) {

    /** The next fire of {@code task} that will really happen, as of when the page was read ({@link TaskSummary#upcomingFire}). */
    public Optional<Instant> nextFire(TaskSummary task) {
        return task.upcomingFire(readAt);
    }
}
