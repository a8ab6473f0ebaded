package com.coze.timer.application.task;

import com.coze.timer.application.listing.TaskCursor;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.application.port.in.ListTasksQuery;
import com.coze.timer.application.port.in.PageRequest;
import com.coze.timer.application.port.in.TaskPage;
import com.coze.timer.application.port.out.TaskQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads one page of a listing, its tasks with their latest executions: one task more than the page holds tells whether a next page exists,
 * and its cursor is the place just after the page's last task.
 */
final class TaskPages {

    private TaskPages() {
    }

    static TaskPage read(TaskQueries queries, Clock clock, ListTasksQuery query) {
        PageRequest page = query.page();
        Instant readAt = clock.instant();
        List<TaskSummary> tasks = queries.list(query.filter(), page.cursor(), page.limit() + 1, page.offset());
        boolean more = tasks.size() > page.limit();
        List<TaskSummary> shown = more ? tasks.subList(0, page.limit()) : tasks;
        Optional<TaskCursor> next = more ? Optional.of(TaskCursor.after(shown.getLast())) : Optional.empty();
        return new TaskPage(List.copyOf(shown), queries.count(query.filter()), page, next, readAt);
    }
}
