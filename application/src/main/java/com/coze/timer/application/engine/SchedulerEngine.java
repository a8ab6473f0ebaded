package com.coze.timer.application.engine;

import com.coze.timer.application.engine.EngineCommand.Changed;
import com.coze.timer.application.engine.EngineCommand.OwnershipMoved;
import com.coze.timer.application.engine.EngineCommand.Withdrawn;
import com.coze.timer.application.engine.FireWheel.Finished;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.domain.task.MisfireRule;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Fires tasks on time. Three steps, each run by its own thread ({@link EngineRunner}) and callable
 * one at a time from tests:
 * <ol>
 *   <li>{@link #refill()} ({@link Refill}, the refill thread) claims the fires due within the
 *       window in one batched, version-guarded write and posts them to the wheel;</li>
 *   <li>{@link #advance()} (the wheel thread) applies the commands in the {@link EngineInbox} to
 *       the {@link FireWheel} — the one owner of the timing wheel and of the tracked fires — and
 *       sends the fires whose time has come; no storage access on this path;</li>
 *   <li>{@link #recordFinished} ({@link OutcomeWriter}, the outcome writer thread) writes outcomes
 *       in batches, isolating what it cannot write, and posts each stored outcome to the wheel.</li>
 * </ol>
 * Every other thread — API requests ({@link ScheduleChanges}), ownership callbacks, HTTP
 * completions — only posts commands. A change through the API waits until the wheel thread applied
 * it (at most {@link #APPLY_WAIT}), so it holds by the time its response returns.
 *
 * <p>Invariants: a task has at most one claimed fire, so its fires never overlap; a claimed fire is
 * tracked until its outcome is stored; memory holds only fires inside the window.
 */
public final class SchedulerEngine implements ScheduleChanges {

    /** The longest an API request waits for its change to reach the wheel. */
    static final Duration APPLY_WAIT = Duration.ofMillis(100);

    private final FireLedger ledger;
    private final FireMetrics metrics;
    private final Clock clock;
    private final EngineInbox inbox = new EngineInbox();
    private final OwnedSlots owned;
    private final FireWheel wheel;
    private final Refill refill;
    private final OutcomeWriter writer;

    public SchedulerEngine(EnginePorts ports, Clock clock, EngineSettings settings) {
        this.ledger = ports.ledger();
        this.metrics = ports.metrics();
        this.clock = clock;
        // Alone, whatever was due before this engine started passed while no instance ran it; in a
        // cluster others may have been running, and the threshold (sized to a fail-over) decides.
        MisfireRule misfires = new MisfireRule(settings.misfireThreshold(), settings.exclusive() ? clock.instant() : Instant.MIN);
        this.owned = new OwnedSlots(ports.ownership());
        Claims claims = new Claims(settings, misfires, ledger, ports.fireLock(), ports.ownership(), owned);
        Outcomes outcomes = new Outcomes(settings.maxConsecutiveFailures(), misfires);
        SkipRecorder skips = new SkipRecorder(ledger, ports.metrics());
        this.writer = new OutcomeWriter(ports, outcomes, claims, clock, inbox, settings.recordBatchSize(), skips);
        this.wheel = new FireWheel(ports, owned, clock, claims, inbox, writer::offer);
        this.refill = new Refill(ledger, claims, owned, settings, clock, wheel, inbox, skips);
        ports.ownership().onChange(this::ownershipChanged);
    }

    /** Hands back withdrawn fires, claims the fires due within the window and posts them to the wheel; returns how many. */
    public int refill() {
        return refill.run();
    }

    /** Applies the commands posted since the last step, then sends the fires whose time has come. Wheel thread only. */
    public void advance() {
        inbox.drain(wheel::apply);
        wheel.advance();
    }

    /** Waits up to {@code waitMs} for finished fires and writes up to a batch of their outcomes. */
    public int recordFinished(long waitMs) throws InterruptedException {
        List<Finished> batch = writer.take(waitMs);
        int taken = batch.size();
        if (taken > 0) {
            writer.write(batch);
        }
        return taken;
    }

    @Override
    public void scheduled(Task task) {
        inbox.postAndWait(new Changed(task), APPLY_WAIT);
    }

    @Override
    public void unscheduled(TaskId taskId) {
        inbox.postAndWait(new Withdrawn(taskId), APPLY_WAIT);
    }

    /** Fires in memory: on the wheel, or in flight. */
    public int trackedFires() {
        return wheel.size();
    }

    /** The tasks whose fire is in memory (claimed or in flight), from any thread. */
    public Set<TaskId> trackedTaskIds() {
        return wheel.trackedIds();
    }

    /**
     * The task as stored now, from a thread that must not wait (a re-check of stored versions):
     * applied like a change through the API, but without waiting for the wheel thread.
     */
    public void reconsider(Task task) {
        inbox.post(new Changed(task));
    }

    /** Entries on the wheel. */
    public int wheelSize() {
        return wheel.wheelSize();
    }

    EngineInbox inbox() {
        return inbox;
    }

    OutcomeWriter writer() {
        return writer;
    }

    Refill refiller() {
        return refill;
    }

    FireWheel wheel() {
        return wheel;
    }

    /** When the wheel next has something to do (for the driver's sleep); Long.MAX_VALUE if nothing. */
    long nextExpirationMs() {
        return inbox.isEmpty() ? wheel.nextExpirationMs() : clock.millis();
    }

    FireLedger ledger() {
        return ledger;
    }

    FireMetrics metrics() {
        return metrics;
    }

    /** Slots moved (an ownership callback): the refill sees the new slots at once, the wheel at its next step. */
    void ownershipChanged(BitSet ownedSlots) {
        owned.update(ownedSlots);
        inbox.post(new OwnershipMoved());
    }
}
