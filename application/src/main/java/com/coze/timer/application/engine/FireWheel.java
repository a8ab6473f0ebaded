package com.coze.timer.application.engine;

import com.coze.timer.application.engine.EngineCommand.AbortAll;
import com.coze.timer.application.engine.EngineCommand.Changed;
import com.coze.timer.application.engine.EngineCommand.OutcomeArrived;
import com.coze.timer.application.engine.EngineCommand.OwnershipMoved;
import com.coze.timer.application.engine.EngineCommand.Place;
import com.coze.timer.application.engine.EngineCommand.Settled;
import com.coze.timer.application.engine.EngineCommand.Stop;
import com.coze.timer.application.engine.EngineCommand.Withdrawn;
import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.CallbackSender.InFlightCall;
import com.coze.timer.application.port.out.Fence;
import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.domain.task.FireState;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.wheel.TimerEntry;
import com.coze.timer.domain.wheel.TimingWheel;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timing wheel and the tracked fires of one instance, and the commands that change them: it
 * places claims on the wheel, sends the fires whose time has come ({@link FireState#mayFireAt}),
 * hands finished calls to the outcome writer and moves each fire on once its outcome is stored.
 * A failure to send one fire (its request cannot be built, the client throws) becomes that fire's
 * failed outcome, so a wheel step never stops and no tracked fire is left behind.
 *
 * <p>Threading: owned by the wheel thread, which alone calls {@link #apply} and {@link #advance};
 * every other thread reaches it through the {@link EngineInbox}. {@link #isTracked} and
 * {@link #size} may be read by any thread (a concurrent, weakly consistent view). The queues of
 * fires to hand back and of tasks to claim are read by the refill thread.
 */
final class FireWheel {

    private static final Logger LOG = Logger.getLogger(FireWheel.class.getName());

    private final CallbackSender sender;
    private final SlotOwnership ownership;
    private final OwnedSlots owned;
    private final FireMetrics metrics;
    private final Clock clock;
    private final Claims claims;
    private final EngineInbox inbox;
    private final Consumer<Finished> writer;
    private final TimingWheel<TrackedFire> wheel;
    /** Written only by the wheel thread. */
    private final Map<TaskId, TrackedFire> tracked = new ConcurrentHashMap<>();
    final Queue<Task> toRelease = new ConcurrentLinkedQueue<>();
    final Queue<Task> toClaim = new ConcurrentLinkedQueue<>();
    private volatile Runnable wakeRefill = () -> { };
    private boolean stopping;

    FireWheel(EnginePorts ports, OwnedSlots owned, Clock clock, Claims claims, EngineInbox inbox, Consumer<Finished> writer) {
        this.sender = ports.sender();
        this.ownership = ports.ownership();
        this.metrics = ports.metrics();
        this.owned = owned;
        this.clock = clock;
        this.claims = claims;
        this.inbox = inbox;
        this.writer = writer;
        this.wheel = new TimingWheel<>(1, 512, clock.millis());
    }

    /** A fire whose call has ended, as the wheel thread saw it then; {@code done}: withdrawn or cancelled meanwhile. */
    record Finished(TrackedFire tracked, Task task, PendingFire fire, boolean done, CallbackResult result) {
    }

    void onClaimWanted(Runnable wake) {
        this.wakeRefill = wake;
    }

    void apply(EngineCommand command) {
        switch (command) {
            case Place place -> track(place.claimed(), place.fence());
            case Changed changed -> changed(changed.task());
            case Withdrawn withdrawn -> Optional.ofNullable(tracked.remove(withdrawn.taskId())).ifPresent(TrackedFire::end);
            case OwnershipMoved moved -> ownershipMoved();
            case OutcomeArrived arrived -> arrived(arrived.fire(), arrived.result());
            case Settled settled -> settled(settled.fire(), settled.stored());
            case Stop stop -> {
                stopping = true;
                tracked.values().forEach(this::handBack);
            }
            case AbortAll abort -> tracked.values().forEach(TrackedFire::end);
        }
    }

    /** Sends the fires whose time has come. */
    void advance() {
        wheel.advanceClock(clock.millis(), this::dispatch);
    }

    boolean isTracked(TaskId id) {
        return tracked.containsKey(id);
    }

    int size() {
        return tracked.size();
    }

    /** The ids of the tasks with a tracked fire; safe from any thread (a snapshot of a concurrent map). */
    Set<TaskId> trackedIds() {
        return Set.copyOf(tracked.keySet());
    }

    int wheelSize() {
        return wheel.size();
    }

    long nextExpirationMs() {
        return wheel.nextExpirationMs();
    }

    /**
     * A change through the API. A fire not sent yet is withdrawn and, if the task is still claimed
     * (same or new execution id), placed again as stored; a fire in flight goes on (its outcome is
     * counted on what is stored then). An idle task due within the window is handed to the refill
     * thread to claim. A notice no newer (by version) than the task tracked changes nothing.
     */
    private void changed(Task task) {
        TrackedFire previous = tracked.get(task.id());
        if (previous != null && previous.task().version() >= task.version()) {
            return; // typically a new task whose first fire a refill claimed before the API's notice came
        }
        if (previous != null && previous.isInFlight()) {
            return;
        }
        if (previous != null) {
            previous.withdraw();
            tracked.remove(task.id(), previous);
        }
        if (!owned.owns(task.id()) || stopping) {
            return;
        }
        FireState state = task.fireState();
        if (state instanceof FireState.Claimed) {
            track(task, ownership.fence());
        } else if (state instanceof FireState.Idle && claims.isDue(task, clock.instant())) {
            toClaim.add(task);
            wakeRefill.run();
        }
    }

    private void track(Task claimed, Fence fence) {
        TrackedFire previous = tracked.get(claimed.id());
        if (previous != null && (previous.isInFlight() || previous.task().version() >= claimed.version())) {
            return;
        }
        if (previous != null) {
            previous.withdraw();
        }
        TrackedFire fire = new TrackedFire(claimed, fence);
        tracked.put(claimed.id(), fire);
        place(fire);
    }

    private void place(TrackedFire fire) {
        if (stopping) {
            handBack(fire);
            return;
        }
        TimerEntry<TrackedFire> entry = wheel.add(fire, fire.fire().scheduledTime().toEpochMilli());
        if (entry == null) {
            dispatch(fire);
        } else {
            fire.onWheel(entry);
        }
    }

    /** Sends one fire; whatever goes wrong becomes that fire's failed outcome, never the wheel's. */
    private void dispatch(TrackedFire fire) {
        try {
            send(fire);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "task " + fire.task().id() + ": sending its fire failed: " + e);
            if (fire.state() instanceof FireState.Claimed) {
                finish(fire, unsent(clock.instant(), "the call could not be sent: " + e.getMessage()));
            }
        }
    }

    private void send(TrackedFire fire) {
        if (!ownership.isCertain() || !fire.fence().holds()) {
            handBack(fire); // unsure whether it is still ours, or it may have been taken over: hand it back, do not send
            return;
        }
        Instant now = clock.instant();
        if (stopping || !fire.mayFireAt(now)) {
            return;
        }
        Task task = fire.task();
        PendingFire pending = fire.fire();
        metrics.fired(Math.max(0, now.toEpochMilli() - pending.scheduledTime().toEpochMilli()));
        finish(fire, sender.send(new CallbackRequest(task.id(), pending.executionId(), pending.scheduledTime(), task.callback(),
                fire.fence())));
    }

    private void finish(TrackedFire fire, InFlightCall call) {
        fire.sent(call);
        call.result().thenAccept(result -> inbox.post(new OutcomeArrived(fire, result)));
    }

    private void arrived(TrackedFire fire, CallbackResult result) {
        if (result.aborted() && result.attempts() == 0 && !fire.isDone() && !fire.fence().holds()) {
            release(fire); // fenced off before anything was sent: like a fire withdrawn from the wheel
            return;
        }
        metrics.executed(Outcomes.outcomeOf(result), result.durationMs(), result.attempts());
        writer.accept(new Finished(fire, fire.task(), fire.fire(), fire.isDone(), result));
    }

    /** The outcome is stored: on to the next claimed fire, or forgotten. */
    private void settled(TrackedFire fire, Optional<Task> stored) {
        boolean current = tracked.get(fire.task().id()) == fire;
        if (current && !fire.isDone() && stored.filter(task -> task.pendingFire().isPresent()).isPresent()) {
            fire.reclaim(stored.get());
            place(fire);
        } else if (current) {
            tracked.remove(fire.task().id());
            if (stored.isEmpty()) {
                claims.recheckOwnClaims(); // what storage holds is not what was written: maybe a next claim of ours, untracked
            }
        }
    }

    /**
     * Slots moved. While this instance is unsure of its membership, every waiting fire is handed
     * back. Otherwise fires already claimed in slots it lost still go out — the new owner leaves the
     * claims of a live member alone — but no further fire is claimed there.
     */
    private void ownershipMoved() {
        if (!ownership.isCertain()) {
            tracked.values().forEach(this::handBack);
        }
    }

    private void handBack(TrackedFire fire) {
        if (fire.withdraw()) {
            release(fire);
        }
    }

    /** Writes its claim back unfired (the refill does, version-guarded): its owner, whoever it is now, claims it anew. */
    private void release(TrackedFire fire) {
        if (tracked.remove(fire.task().id(), fire)) {
            toRelease.add(fire.task());
        }
    }

    private static InFlightCall unsent(Instant now, String error) {
        return InFlightCall.ended(new CallbackResult(false, false, OptionalInt.empty(), Optional.empty(), 0, Optional.of(error), now, 0));
    }
}
