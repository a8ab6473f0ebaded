package com.coze.timer.application.fakes;

import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.TaskId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The execution log in a list; log ids are handed out from 1 upwards, as an auto-increment column would. */
public final class InMemoryExecutionLog implements ExecutionLog {

    private final List<ExecutionRecord> records = new ArrayList<>();
    private long lastLogId;

    @Override
    public synchronized ExecutionRecord append(ExecutionRecord r) {
        ExecutionRecord stored = new ExecutionRecord(++lastLogId, r.executionId(), r.taskId(), r.userId(),
                r.scheduledTime(), r.startedAt(), r.durationMs(), r.httpStatus(), r.responseBody(), r.attempts(),
                r.outcome(), r.error());
        records.add(stored);
        return stored;
    }

    @Override
    public synchronized List<ExecutionRecord> recent(TaskId taskId, int limit, Optional<Long> beforeLogId) {
        return records.stream()
                .filter(r -> r.taskId().equals(taskId))
                .filter(r -> beforeLogId.map(before -> r.logId() < before).orElse(true))
                .sorted(Comparator.comparingLong(ExecutionRecord::logId).reversed())
                .limit(limit)
                .toList();
    }

    /** Drops a task's history (the task store does this when a task is deleted). */
    public synchronized void deleteTask(TaskId taskId) {
        records.removeIf(r -> r.taskId().equals(taskId));
    }

    public synchronized int size() {
        return records.size();
    }

    public synchronized void clear() {
        records.clear();
    }

    synchronized List<ExecutionRecord> all() {
        return new ArrayList<>(records);
    }
}
