package com.coze.timer.application.port.in;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.util.Optional;

/**
 * A task as shown to its owner: the task, its latest execution, and the next fire that will really
 * happen as of when it was read ({@link Task#upcomingFire}), and the occurrences skipped.
 */
public record TaskView(Task task, Optional<ExecutionRecord> lastExecution, Optional<java.time.Instant> nextFire,
                       com.coze.timer.domain.task.Skips skips) {
}
