package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.CallbackSender.InFlightCall;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.wheel.TimerEntry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's memory of one task whose fire is claimed. It moves WAITING (queued for the wheel or
 * on it) → IN_FLIGHT (its call sent) and back to WAITING when the task's next fire is claimed;
 * CANCELLED ends it. The moves are atomic, so a fire is dispatched at most once and a withdrawn
 * fire is never sent.
 */
final class TrackedFire {

    enum State { WAITING, IN_FLIGHT, CANCELLED }

    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private volatile Task task;
    private volatile TimerEntry<TrackedFire> entry;
    private volatile InFlightCall call;

    TrackedFire(Task claimed) {
        this.task = claimed;
    }

    Task task() {
        return task;
    }

    PendingFire fire() {
        return task.pendingFire().orElseThrow();
    }

    boolean isCancelled() {
        return state.get() == State.CANCELLED;
    }

    /** Remembers where the fire sits on the wheel; drops it at once if it was cancelled meanwhile. */
    void onWheel(TimerEntry<TrackedFire> timerEntry) {
        entry = timerEntry;
        if (isCancelled()) {
            timerEntry.cancel();
        }
    }

    /** WAITING → IN_FLIGHT; false if the fire was withdrawn or cancelled first. */
    boolean startFlight() {
        return state.compareAndSet(State.WAITING, State.IN_FLIGHT);
    }

    void inFlight(InFlightCall inFlight) {
        call = inFlight;
        if (isCancelled()) {
            inFlight.abort();
        }
    }

    /** Moves on to the task's next claimed fire. */
    void reclaim(Task claimed) {
        task = claimed;
        entry = null;
        call = null;
        state.compareAndSet(State.IN_FLIGHT, State.WAITING);
    }

    /** Withdraws a fire that has not started: true if it was still waiting (and now never will fire). */
    boolean withdraw() {
        if (!state.compareAndSet(State.WAITING, State.CANCELLED)) {
            return false;
        }
        dropFromWheel();
        return true;
    }

    /** Stops the fire wherever it is: off the wheel, or its call aborted. */
    void cancel() {
        state.set(State.CANCELLED);
        dropFromWheel();
        InFlightCall inFlight = call;
        if (inFlight != null) {
            inFlight.abort();
        }
    }

    private void dropFromWheel() {
        TimerEntry<TrackedFire> onWheel = entry;
        if (onWheel != null) {
            onWheel.cancel();
        }
    }
}
