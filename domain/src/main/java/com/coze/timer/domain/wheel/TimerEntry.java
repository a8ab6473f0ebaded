package com.coze.timer.domain.wheel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handle of one item scheduled in a {@link TimingWheel}: its payload, its expiration and the
 * means to cancel it.
 *
 * <p>An entry is pending until exactly one of two things happens to it: {@link #cancel()} or
 * expiry, when the wheel hands its payload to the {@code expired} callback of
 * {@link TimingWheel#advanceClock}. The two race through one compare-and-set on the entry's state,
 * so an entry whose {@code cancel()} returned {@code true} is never handed over, and one that was
 * handed over cannot be cancelled.
 *
 * <p>While pending, the entry is a node of the doubly linked list of its {@link TimerBucket}, which
 * lets {@code cancel()} unlink it in O(1). The links belong to the bucket and change only under its
 * lock; {@link #bucket} is volatile so that {@code cancel()} can find the bucket without a lock.
 *
 * <p>Thread-safe: {@code cancel()} and {@code isCancelled()} may be called from any thread.
 *
 * @param <T> the payload type
 */
public final class TimerEntry<T> {

    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    private static final int EXPIRED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TimerEntry.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final T payload;
    private final long expirationMs;
    private final AtomicInteger pendingCount;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = PENDING;

    // Owned by TimerBucket; see the class comment.
    volatile TimerBucket<T> bucket;
    TimerEntry<T> next;
    TimerEntry<T> prev;

    TimerEntry(T payload, long expirationMs, AtomicInteger pendingCount) {
        this.payload = payload;
        this.expirationMs = expirationMs;
        this.pendingCount = pendingCount;
    }

    public T payload() {
        return payload;
    }

    public long expirationMs() {
        return expirationMs;
    }

    /**
     * Cancels the entry and unlinks it from its bucket in O(1).
     *
     * @return {@code true} if the entry was pending and now never expires; {@code false} if it was
     *     already cancelled or already handed to the {@code expired} callback
     */
    public boolean cancel() {
        if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
            return false;
        }
        pendingCount.decrementAndGet();
        // The driver thread may be moving the entry to a finer wheel: follow it until it stays put.
        TimerBucket<T> current = bucket;
        while (current != null && !current.remove(this)) {
            current = bucket;
        }
        return true;
    }

    public boolean isCancelled() {
        return (int) STATE.getVolatile(this) == CANCELLED;
    }

    /** Marks the entry expired; {@code false} if it was cancelled first. */
    boolean expire() {
        if (!STATE.compareAndSet(this, PENDING, EXPIRED)) {
            return false;
        }
        pendingCount.decrementAndGet();
        return true;
    }

    /** Detaches the entry from a chain returned by {@link TimerBucket#drain()}; returns the rest. */
    TimerEntry<T> unchain() {
        TimerEntry<T> rest = next;
        next = null;
        return rest;
    }

    @Override
    public String toString() {
        return "TimerEntry[expirationMs=" + expirationMs + ", payload=" + payload + "]";
    }
}
