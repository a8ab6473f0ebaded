package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.ChangeBroadcast;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The cluster-wide control path: a change made through this instance reaches this instance's
 * engine (which holds it before the API answers) and is announced to the others; a notice from
 * another instance is applied to this engine as the task is stored now — the owner drops or
 * re-places its claimed fire before it goes out. Pushed rather than checked before each send, so
 * the wheel thread never waits on storage (see README, "Control across the cluster").
 *
 * <p>While this instance does not hear the notices (the broadcast's server is down), they may be
 * lost: every {@link #RECHECK_INTERVAL} it then re-reads its claimed fires' tasks in batches and
 * applies those whose stored version moved, and once more after it hears again. So a change holds
 * on the owner within one interval during an outage, instead of within milliseconds.
 *
 * <p>Threading: {@link #scheduled}/{@link #unscheduled} are called by API threads; notices arrive
 * on the broadcast's listener thread, which reads storage and posts to the engine's inbox; the
 * re-check runs on its own daemon thread, which alone uses {@code seenVersions}.
 */
public final class ClusterChanges implements ScheduleChanges, AutoCloseable {

    static final Duration RECHECK_INTERVAL = Duration.ofMillis(100);
    private static final Logger LOG = Logger.getLogger(ClusterChanges.class.getName());
    private static final int RECHECK_BATCH = 1_000;

    private final SchedulerEngine engine;
    private final ChangeBroadcast broadcast;
    private final FireLedger ledger;
    private final Map<TaskId, Long> seenVersions = new HashMap<>();
    private boolean wasDeaf;
    private volatile Thread recheck;

    public ClusterChanges(SchedulerEngine engine, ChangeBroadcast broadcast, FireLedger ledger) {
        this.engine = engine;
        this.broadcast = broadcast;
        this.ledger = ledger;
    }

    /** Starts applying the other instances' notices, and re-checking stored versions while they may be lost. */
    public ClusterChanges listening() {
        broadcast.listen(this::received);
        recheck = Thread.ofPlatform().name("timer-change-recheck").daemon().start(this::recheckEveryInterval);
        return this;
    }

    /** Stops the re-check: a stopping engine must not be handed changes any more. */
    @Override
    public void close() {
        Thread running = recheck;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public void scheduled(Task task) {
        engine.scheduled(task);
        announce(task.id());
    }

    @Override
    public void unscheduled(TaskId taskId) {
        engine.unscheduled(taskId);
        announce(taskId);
    }

    private void announce(TaskId taskId) {
        try {
            broadcast.announce(taskId);
        } catch (RuntimeException e) {
            LOG.warning("could not tell the other instances that task " + taskId + " changed: " + e.getMessage());
        }
    }

    /** Another instance changed {@code taskId}: apply it as stored now. */
    void received(TaskId taskId) {
        try {
            ledger.find(taskId).filter(task -> !task.isFinal()).ifPresentOrElse(engine::scheduled, () -> engine.unscheduled(taskId));
        } catch (RuntimeException e) {
            LOG.warning("could not apply another instance's change of task " + taskId + ": " + e.getMessage());
        }
    }

    private void recheckEveryInterval() {
        while (true) {
            try {
                Thread.sleep(RECHECK_INTERVAL.toMillis());
                recheckIfDeaf();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warning("could not re-check the claimed fires' tasks: " + e.getMessage());
            }
        }
    }

    /**
     * While notices may be lost (and once after), applies to the engine every claimed fire's task
     * whose stored version moved since the last re-check; a task gone or ended is withdrawn.
     * Returns how many were applied.
     */
    int recheckIfDeaf() {
        boolean deaf = !broadcast.hearing();
        boolean due = deaf || wasDeaf;
        wasDeaf = deaf;
        if (!due) {
            seenVersions.clear();
            return 0;
        }
        Set<TaskId> tracked = engine.trackedTaskIds();
        seenVersions.keySet().retainAll(tracked);
        List<TaskId> ids = List.copyOf(tracked);
        int applied = 0;
        for (int from = 0; from < ids.size(); from += RECHECK_BATCH) {
            applied += apply(ids.subList(from, Math.min(ids.size(), from + RECHECK_BATCH)));
        }
        return applied;
    }

    private int apply(List<TaskId> ids) {
        Map<TaskId, Task> stored = new HashMap<>();
        ledger.load(ids).forEach(task -> stored.put(task.id(), task));
        int applied = 0;
        for (TaskId id : ids) {
            Task task = stored.get(id);
            if (task == null || task.isFinal()) {
                engine.unscheduled(id);
                applied++;
            } else if (!Long.valueOf(task.version()).equals(seenVersions.put(id, task.version()))) {
                engine.reconsider(task);
                applied++;
            }
        }
        return applied;
    }
}
