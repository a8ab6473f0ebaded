package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.listing.TaskFilter;
import java.util.Objects;

/** A page of the tasks that pass a filter, asked for by a caller. */
public record ListTasksQuery(Caller caller, TaskFilter filter, PageRequest page) {

    public ListTasksQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(page, "page");
    }
}
