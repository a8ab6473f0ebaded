package com.coze.timer.persistence;

import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** Test execution records: a successful call of a task, scheduled at a given time. */
final class ExecutionRecords {

    private ExecutionRecords() {
    }

    static ExecutionRecord aSuccessOf(Task task, Instant scheduled) {
        return new ExecutionRecord(0, UUID.randomUUID().toString(), task.id(), task.userId(), scheduled,
                scheduled.plusMillis(7), 35, OptionalInt.of(200), Optional.of("{\"finsh\":false}"), 1,
                ExecutionOutcome.SUCCESS, Optional.empty());
    }

    static ExecutionRecord aFailureOf(Task task, Instant scheduled) {
        return new ExecutionRecord(0, UUID.randomUUID().toString(), task.id(), task.userId(), scheduled,
                scheduled.plusMillis(3), 15_000, OptionalInt.empty(), Optional.empty(), 4,
                ExecutionOutcome.FAILURE, Optional.of("timeout after 15 s"));
    }
}
