package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.CallbackSender.InFlightCall;
import com.coze.timer.application.port.out.Fence;
import com.coze.timer.domain.task.FireState;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import com.coze.timer.domain.wheel.TimerEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * The engine's memory of one claimed fire: the task as claimed, its {@link FireState} (Claimed →
 * InFlight, on to the next claim, or done: handed back as Idle, or Ended), and where it sits — on
 * the wheel or as a call in flight.
 *
 * <p>Threading: created, read and changed by the wheel thread only ({@link FireWheel}); other
 * threads hold references only to post them back in an {@link EngineCommand}.
 */
final class TrackedFire {

    private final Fence fence;
    private Task task;
    private FireState state;
    private TimerEntry<TrackedFire> entry;
    private InFlightCall call;

    TrackedFire(Task claimed, Fence fence) {
        this.task = claimed;
        this.fence = fence;
        this.state = claimed.fireState();
        if (!(state instanceof FireState.Claimed)) {
            throw new IllegalArgumentException("only a claimed fire is tracked, not " + state);
        }
    }

    Task task() {
        return task;
    }

    /** Taken before the first of its claims was written; the next claims of the same task keep it. */
    Fence fence() {
        return fence;
    }

    FireState state() {
        return state;
    }

    /** The claimed fire (while Claimed or InFlight). */
    PendingFire fire() {
        return task.pendingFire().orElseThrow();
    }

    /** The one rule of {@link FireState#mayFireAt}. */
    boolean mayFireAt(Instant now) {
        return state.mayFireAt(now);
    }

    boolean isInFlight() {
        return state instanceof FireState.InFlight;
    }

    /** True once it was withdrawn or cancelled: its outcome, if one comes, must not claim a next fire. */
    boolean isDone() {
        return state.isDone();
    }

    void onWheel(TimerEntry<TrackedFire> timerEntry) {
        entry = timerEntry;
    }

    /** Claimed → InFlight. */
    void sent(InFlightCall inFlight) {
        state = state.sent();
        entry = null;
        call = inFlight;
    }

    /** Moves on to the task's next claimed fire (after its outcome was stored). */
    void reclaim(Task claimed) {
        task = claimed;
        state = claimed.fireState();
        entry = null;
        call = null;
    }

    /** Claimed → Idle, off the wheel: true if it had not been sent (and now never will be by this engine). */
    boolean withdraw() {
        if (!(state instanceof FireState.Claimed claimed)) {
            return false;
        }
        dropFromWheel();
        state = new FireState.Idle(Optional.of(claimed.fire().scheduledTime()));
        return true;
    }

    /** Ends it wherever it is: off the wheel, or its call aborted. */
    void end() {
        dropFromWheel();
        state = new FireState.Ended(TaskStatus.STOPPED);
        if (call != null) {
            call.abort();
        }
    }

    private void dropFromWheel() {
        if (entry != null) {
            entry.cancel();
            entry = null;
        }
    }
}
