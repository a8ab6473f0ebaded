package com.coze.timer.application.port.in;

import com.coze.timer.domain.task.Task;
import java.util.List;

/** One page of a listing, and how many tasks match in all. */
public record TaskPage(List<Task> tasks, long total, int limit, int offset) {
}
