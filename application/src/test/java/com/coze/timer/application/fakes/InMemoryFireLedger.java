package com.coze.timer.application.fakes;

import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The engine's ledger over the in-memory store and log, with the same version guards. */
public final class InMemoryFireLedger implements FireLedger {

    private final InMemoryTaskStore store;
    private final InMemoryExecutionLog log;

    public InMemoryFireLedger(InMemoryTaskStore store, InMemoryExecutionLog log) {
        this.store = store;
        this.log = log;
    }

    @Override
    public List<Task> findDue(Instant dueBefore, int limit) {
        return store.all().stream()
                .filter(task -> !task.isFinal() && task.pendingFire().isEmpty())
                .filter(task -> task.nextRunTime().map(at -> !at.isAfter(dueBefore)).orElse(false))
                .sorted(Comparator.comparing(task -> task.nextRunTime().orElseThrow()))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Task> findExpiredLeases(Instant expiredBefore, int limit) {
        return store.all().stream()
                .filter(task -> task.pendingFire().map(fire -> fire.leaseUntil().isBefore(expiredBefore)).orElse(false))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Optional<Task>> writeAll(List<Task> tasks) {
        return tasks.stream().map(store::update).toList();
    }

    @Override
    public List<Optional<Task>> recordAll(List<Completion> completions) {
        return completions.stream().map(completion -> {
            if (store.find(completion.record().taskId()).isPresent()) {
                log.append(completion.record());
            }
            return completion.task().flatMap(store::update);
        }).toList();
    }
}
