package com.coze.timer.application.port.in;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.util.Optional;

/** A task as shown to its owner: the task and its latest execution. */
public record TaskView(Task task, Optional<ExecutionRecord> lastExecution) {
}
