package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.ChangeBroadcast;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.task.TaskId;
import java.util.logging.Logger;

/**
 * The cluster-wide control path: a change made through this instance reaches this instance's
 * engine (which holds it before the API answers) and is announced to the others; a notice from
 * another instance is applied to this engine as the task is stored now — the owner drops or
 * re-places its claimed fire before it goes out. Pushed rather than checked before each send, so
 * the wheel thread never waits on storage (see README, "Control across the cluster").
 *
 * <p>Threading: {@link #scheduled}/{@link #unscheduled} are called by API threads; notices arrive
 * on the broadcast's listener thread, which reads storage and posts to the engine's inbox.
 */
public final class ClusterChanges implements ScheduleChanges {

    private static final Logger LOG = Logger.getLogger(ClusterChanges.class.getName());

    private final ScheduleChanges local;
    private final ChangeBroadcast broadcast;
    private final TaskStore store;

    public ClusterChanges(ScheduleChanges local, ChangeBroadcast broadcast, TaskStore store) {
        this.local = local;
        this.broadcast = broadcast;
        this.store = store;
    }

    /** Starts applying the other instances' notices. */
    public ClusterChanges listening() {
        broadcast.listen(this::received);
        return this;
    }

    @Override
    public void scheduled(com.coze.timer.domain.task.Task task) {
        local.scheduled(task);
        announce(task.id());
    }

    @Override
    public void unscheduled(TaskId taskId) {
        local.unscheduled(taskId);
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
            store.find(taskId).filter(task -> !task.isFinal()).ifPresentOrElse(local::scheduled, () -> local.unscheduled(taskId));
        } catch (RuntimeException e) {
            LOG.warning("could not apply another instance's change of task " + taskId + ": " + e.getMessage());
        }
    }
}
