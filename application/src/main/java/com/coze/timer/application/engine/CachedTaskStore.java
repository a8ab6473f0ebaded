package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.util.List;
import java.util.Optional;

/** A {@link TaskStore} whose writes (the API's) are mirrored into the cache of upcoming fires. */
public final class CachedTaskStore implements TaskStore {

    private final TaskStore storage;
    private final CachedFireLedger ledger;

    public CachedTaskStore(TaskStore storage, CachedFireLedger ledger) {
        this.storage = storage;
        this.ledger = ledger;
    }

    @Override
    public void insert(Task task) {
        storage.insert(task);
        ledger.mirror(List.of(task));
    }

    @Override
    public boolean insertWithinQuota(Task task, long maxActive) {
        boolean inserted = storage.insertWithinQuota(task, maxActive);
        if (inserted) {
            ledger.mirror(List.of(task));
        }
        return inserted;
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return storage.find(id);
    }

    @Override
    public Optional<Task> update(Task task) {
        Optional<Task> written = storage.update(task);
        written.ifPresent(t -> ledger.mirror(List.of(t)));
        return written;
    }

    @Override
    public Skips skipsOf(TaskId id) {
        return storage.skipsOf(id);
    }

    @Override
    public boolean delete(TaskId id) {
        boolean deleted = storage.delete(id);
        if (deleted) {
            ledger.forget(id);
        }
        return deleted;
    }
}
