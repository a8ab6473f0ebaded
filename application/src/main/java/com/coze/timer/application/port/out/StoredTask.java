package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import java.util.Optional;

/** A task as read for showing it: the task, its skipped occurrences and its latest execution, read at once. */
public record StoredTask(Task task, Skips skips, Optional<ExecutionRecord> latestExecution) {
}
