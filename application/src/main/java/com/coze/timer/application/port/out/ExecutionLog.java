package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.TaskId;
import java.util.List;
import java.util.Optional;

/** The history of executions, one record per fire. */
public interface ExecutionLog {

    /** Appends a record and returns it with the log id the store gave it. */
    ExecutionRecord append(ExecutionRecord record);

    /** A task's records, newest first, only those with a log id below {@code beforeLogId} if given. */
    List<ExecutionRecord> recent(TaskId taskId, int limit, Optional<Long> beforeLogId);

    /** A task's most recent record. */
    default Optional<ExecutionRecord> latest(TaskId taskId) {
        return recent(taskId, 1, Optional.empty()).stream().findFirst();
    }
}
