package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.CallbackSender.InFlightCall;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLedger.Completion;
import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.application.port.out.ScheduleChanges;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.application.task.TaskLog;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.task.MisfireRule;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.wheel.TimerEntry;
import com.coze.timer.domain.wheel.TimingWheel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Fires tasks on time. Three steps, each run by its own thread ({@link EngineRunner}) and callable
 * one at a time from tests:
 * <ol>
 *   <li>{@link #refill()} claims the fires due within the window (one batched, version-guarded
 *       write) and queues them for the wheel;</li>
 *   <li>{@link #advance()} places queued fires on the hierarchical timing wheel and, as the clock
 *       passes their time, sends their calls — no storage access on this path;</li>
 *   <li>{@link #recordFinished} writes outcomes in batches: the execution record and the task's
 *       new state in one transaction, already claiming its next fire when that is due within the
 *       window.</li>
 * </ol>
 * Invariants: a task has at most one claimed fire, so its fires never overlap; a claimed fire is
 * in {@code tracked} until its outcome is stored; memory holds only fires inside the window.
 * Cancels and changes made through the API reach the wheel at once ({@link ScheduleChanges}).
 */
public final class SchedulerEngine implements ScheduleChanges {

    private final FireLedger ledger;
    private final TaskStore store;
    private final CallbackSender sender;
    private final SlotOwnership ownership;
    private final FireMetrics metrics;
    private final Clock clock;
    private final EngineSettings settings;
    private final Outcomes outcomes;
    private final OwnedSlots owned;
    private final TimingWheel<TrackedFire> wheel;
    private final ConcurrentHashMap<TaskId, TrackedFire> tracked = new ConcurrentHashMap<>();
    private final Queue<TrackedFire> toPlace = new ConcurrentLinkedQueue<>();
    private final Queue<Task> toRelease = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final Claims claims;
    private volatile Runnable wakeDriver = () -> { };

    public SchedulerEngine(EnginePorts ports, Clock clock, EngineSettings settings) {
        this.ledger = ports.ledger();
        this.store = ports.store();
        this.sender = ports.sender();
        this.ownership = ports.ownership();
        this.metrics = ports.metrics();
        this.clock = clock;
        this.settings = settings;
        // Alone, whatever was due before this engine started passed while no instance ran it; in a
        // cluster others may have been running, and the threshold (sized to a fail-over) decides.
        MisfireRule misfires = new MisfireRule(settings.misfireThreshold(), settings.exclusive() ? clock.instant() : Instant.MIN);
        this.outcomes = new Outcomes(settings.maxConsecutiveFailures(), misfires);
        this.owned = new OwnedSlots(ownership);
        this.claims = new Claims(settings, misfires, ledger, ports.fireLock(), ownership, owned);
        this.wheel = new TimingWheel<>(1, 512, clock.millis());
        ownership.onChange(this::ownershipChanged);
    }

    /** A fire whose call has ended, waiting for its outcome to be written. */
    record Finished(TrackedFire tracked, Task task, CallbackResult result) {

        /** The fire whose call ended, as claimed. */
        PendingFire fire() {
            return task.pendingFire().orElseThrow();
        }
    }

    /**
     * Hands back fires of slots no longer owned, then claims the fires due within the window in the
     * owned slots — and takes over claims nobody works on any more; returns how many were claimed.
     */
    public int refill() {
        releaseWithdrawn();
        Instant now = clock.instant();
        int room = Math.min(settings.claimBatchSize(), settings.maxTrackedFires() - tracked.size());
        if (room <= 0 || owned.isEmpty()) {
            return 0;
        }
        BitSet slots = owned.stored();
        List<Task> claims = new ArrayList<>();
        for (Task orphan : this.claims.orphans(now, slots, room)) {
            if (!tracked.containsKey(orphan.id()) && this.claims.lockTakeover(orphan)) {
                ok(this.claims.takeOver(orphan, now), claims);
            }
        }
        for (Task task : ledger.findDue(now.plus(settings.window()), slots, room - claims.size())) {
            if (!tracked.containsKey(task.id())) {
                ok(this.claims.claim(task, now), claims);
            }
        }
        List<Optional<Task>> stored = claims.isEmpty() ? List.of() : ledger.writeAll(claims);
        stored.forEach(task -> task.ifPresent(this::track));
        return (int) stored.stream().filter(Optional::isPresent).count();
    }

    /** Places queued fires on the wheel and sends those whose time has come. */
    public void advance() {
        for (TrackedFire fire = toPlace.poll(); fire != null; fire = toPlace.poll()) {
            place(fire);
        }
        wheel.advanceClock(clock.millis(), this::dispatch);
    }

    /** Waits up to {@code waitMs} for finished fires and writes up to a batch of their outcomes. */
    public int recordFinished(long waitMs) throws InterruptedException {
        List<Finished> batch = takeFinished(waitMs);
        if (!batch.isEmpty()) {
            write(batch);
        }
        return batch.size();
    }

    List<Finished> takeFinished(long waitMs) throws InterruptedException {
        List<Finished> batch = new ArrayList<>();
        Finished first = waitMs > 0 ? finished.poll(waitMs, TimeUnit.MILLISECONDS) : finished.poll();
        if (first != null) {
            batch.add(first);
            finished.drainTo(batch, settings.recordBatchSize() - 1);
        }
        return batch;
    }

    void write(List<Finished> batch) {
        Instant now = clock.instant();
        List<Completion> completions = batch.stream().map(done -> completion(done, now)).toList();
        List<Optional<Task>> stored = ledger.recordAll(completions);
        for (int i = 0; i < batch.size(); i++) {
            if (completions.get(i).record().outcome() == ExecutionOutcome.FAILURE) {
                TaskLog.executionFailed(completions.get(i).record());
            }
            settle(batch.get(i), completions.get(i), stored.get(i), now);
            logIfEnded(batch.get(i), stored.get(i));
        }
    }

    /**
     * A task was created or changed through the API. A fire of it still waiting is withdrawn; if the
     * task keeps that claim it is placed again with the new settings (same execution id), otherwise
     * its next fire is claimed now when it is due within the window. A fire already in flight goes on.
     * A notice no newer (by version) than the task the engine already tracks changes nothing.
     */
    @Override
    public void scheduled(Task task) {
        TrackedFire previous = tracked.get(task.id());
        if (previous != null && previous.task().version() >= task.version()) {
            // A stale notice: typically a task just created whose first fire a refill claimed before the API
            // got to it. Withdrawing that fire would leave the task claimed but on no wheel until its lease ran out.
            return;
        }
        boolean withdrawn = previous != null && previous.withdraw();
        if (withdrawn) {
            tracked.remove(task.id(), previous);
        }
        if (task.isFinal()) {
            return;
        }
        if (task.pendingFire().isPresent()) {
            if (withdrawn && owned.owns(task.id())) {
                track(task);
            }
            return;
        }
        Instant now = clock.instant();
        boolean mine = owned.owns(task.id()) && tracked.size() < settings.maxTrackedFires();
        if (mine && claims.isDue(task, now) && claims.claim(task, now) instanceof Result.Ok<Task> claimed) {
            ledger.writeAll(List.of(claimed.value())).getFirst().ifPresent(this::track); // the ledger records the owner
        }
    }

    @Override
    public void unscheduled(TaskId taskId) {
        TrackedFire fire = tracked.remove(taskId);
        if (fire != null) {
            fire.cancel();
        }
    }

    /** Fires in memory: on the wheel, queued for it, or in flight. */
    public int trackedFires() {
        return tracked.size();
    }

    /** Entries on the wheel. */
    public int wheelSize() {
        return wheel.size();
    }

    /** When the wheel next has something to expire (for the driver's sleep); Long.MAX_VALUE if nothing. */
    long nextExpirationMs() {
        return toPlace.isEmpty() ? wheel.nextExpirationMs() : clock.millis();
    }

    void onWork(Runnable wake) {
        this.wakeDriver = wake;
    }

    /** Withdraws every fire not yet sent and returns their tasks, released, for a last write. */
    List<Task> withdrawWaiting() {
        tracked.forEach(this::withdraw);
        return drainReleased();
    }

    /** Aborts every call still in flight (their fires stay claimed, to be repeated after the lease). */
    void abortInFlight() {
        tracked.values().forEach(TrackedFire::cancel);
    }

    FireLedger ledger() {
        return ledger;
    }

    FireMetrics metrics() {
        return metrics;
    }

    /**
     * Slots moved. While this instance is unsure of its membership, every waiting fire is withdrawn
     * and handed back. Otherwise fires already claimed in slots it lost still go out — the new owner
     * leaves the claims of a live member alone — but no further fire is claimed there, so the slot
     * passes over without a gap and without a second fire.
     */
    void ownershipChanged(BitSet ownedSlots) {
        owned.update(ownedSlots);
        if (!ownership.isCertain()) {
            tracked.forEach(this::withdraw);
        }
        wakeDriver.run();
    }

    private void withdraw(TaskId id, TrackedFire fire) {
        if (fire.withdraw() && tracked.remove(id, fire)) {
            toRelease.add(fire.task());
        }
    }

    /** Writes back, unfired, the claims withdrawn since the last refill, so that the new owner can take them at once. */
    private void releaseWithdrawn() {
        List<Task> released = drainReleased();
        if (!released.isEmpty()) {
            ledger.writeAll(released);
        }
    }

    private List<Task> drainReleased() {
        Instant now = clock.instant();
        List<Task> released = new ArrayList<>();
        for (Task task = toRelease.poll(); task != null; task = toRelease.poll()) {
            ok(task.releaseFire(now), released);
        }
        return released;
    }

    private void track(Task claimed) {
        TrackedFire fire = new TrackedFire(claimed);
        TrackedFire previous = tracked.put(claimed.id(), fire);
        if (previous != null) {
            previous.withdraw();
        }
        toPlace.add(fire);
        wakeDriver.run();
    }

    private void place(TrackedFire fire) {
        if (fire.isCancelled()) {
            return;
        }
        TimerEntry<TrackedFire> entry = wheel.add(fire, fire.fire().scheduledTime().toEpochMilli());
        if (entry == null) {
            dispatch(fire);
        } else {
            fire.onWheel(entry);
        }
    }

    private void dispatch(TrackedFire fire) {
        if (!ownership.isCertain()) {
            withdraw(fire.task().id(), fire); // unsure whether it is still ours: hand the claim back, do not send
            return;
        }
        if (!fire.startFlight()) {
            return;
        }
        Task task = fire.task();
        PendingFire pending = fire.fire();
        metrics.fired(Math.max(0, clock.millis() - pending.scheduledTime().toEpochMilli()));
        InFlightCall call = sender.send(new CallbackRequest(task.id(), pending.executionId(), pending.scheduledTime(), task.callback()));
        fire.inFlight(call);
        call.result().thenAccept(result -> {
            finished.add(new Finished(fire, task, result));
            metrics.executed(Outcomes.outcomeOf(result), result.durationMs(), result.attempts());
        });
    }

    private Completion completion(Finished done, Instant now) {
        PendingFire fire = done.fire();
        var record = Outcomes.record(done.task(), fire, done.result());
        if (done.result().aborted() || done.tracked().isCancelled()) {
            return new Completion(record, Optional.empty());
        }
        Result<Task> next = outcomes.apply(done.task(), fire, done.result(), now);
        return new Completion(record, next instanceof Result.Ok<Task> ok ? Optional.of(claims.claimIfDue(ok.value(), now)) : Optional.empty());
    }

    private void settle(Finished done, Completion completion, Optional<Task> stored, Instant now) {
        TaskId id = done.task().id();
        if (stored.isPresent() && stored.get().pendingFire().isPresent() && !done.tracked().isCancelled()) {
            done.tracked().reclaim(stored.get());
            toPlace.add(done.tracked());
            wakeDriver.run();
            return;
        }
        tracked.remove(id, done.tracked());
        if (stored.isEmpty() && completion.task().isPresent()) {
            settleLostRace(done, now);
        }
    }

    /**
     * The task changed while its call was in flight (a modification, or a takeover of an expired
     * lease): count the execution on what is stored now, but only while that still holds this very
     * fire, so that no execution is ever counted twice.
     */
    private void settleLostRace(Finished done, Instant now) {
        String executionId = done.fire().executionId();
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Task> current = store.find(done.task().id());
            boolean stillOurs = current.flatMap(Task::pendingFire).map(fire -> fire.executionId().equals(executionId)).orElse(false);
            if (!stillOurs || !(outcomes.apply(current.get(), done.fire(), done.result(), now) instanceof Result.Ok<Task> next)) {
                return;
            }
            Optional<Task> written = store.update(next.value());
            if (written.isPresent()) {
                logIfEnded(done, written);
                return;
            }
        }
    }

    /** Logs the end of a task that {@code done} completed or failed, once its new state is stored. */
    private static void logIfEnded(Finished done, Optional<Task> stored) {
        if (stored.isPresent() && stored.get().isFinal()) {
            TaskLog.ended(stored.get(), done.fire().executionId(), Outcomes.endReason(stored.get(), done.result()));
        }
    }

    private static void ok(Result<Task> result, List<Task> into) {
        if (result instanceof Result.Ok<Task> ok) {
            into.add(ok.value());
        }
    }
}
