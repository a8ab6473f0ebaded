package com.coze.timer.domain.wheel;

import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A hierarchical timing wheel: holds items until an absolute expiration in milliseconds, with O(1)
 * cancel and an add that costs O(number of rings), after Kafka's {@code TimingWheel} and
 * {@code SystemTimer}. Time is never read here; the caller passes it in.
 *
 * <h2>Concept</h2>
 * A ring of {@code wheelSize} buckets, each one tick of {@code tickMs} wide, covers
 * {@code tickMs * wheelSize} ms ahead of its current tick. An item due further away goes to an
 * overflow ring whose tick is the whole span of the ring below ({@code tickMs * wheelSize}), and
 * so on; overflow rings are made the first time something needs them. With a 1 ms tick and 512
 * buckets, two rings span 262 s and three span 37 h.
 *
 * <h2>Algorithm</h2>
 * <ul>
 *   <li>{@code add} rounds the expiration up to a whole tick of the finest ring (its <em>due
 *       time</em>), finds the finest ring that covers it and links the entry into the bucket of
 *       that tick: {@code buckets[(dueMs / ringTickMs) % wheelSize]}. A bucket that starts
 *       standing for a new tick is pushed onto a min-heap of buckets ordered by tick start, so the
 *       heap holds buckets, never entries.
 *   <li>{@code advanceClock(nowMs)} pops every bucket whose tick has started by {@code nowMs}, in
 *       order, moves every ring's current tick up to it, and empties it: an entry whose due time
 *       has come is handed to {@code expired}, any other goes back through {@code add}, into a
 *       finer ring (the cascade). Then every ring's current tick moves up to {@code nowMs}.
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A pending entry is never handed over early: only when its {@code expirationMs <= nowMs}.
 *       It is handed over at the first {@code advanceClock} at or after its due time, so at most
 *       {@code tickMs - 1} ms after its expiration; with a 1 ms tick, exactly on it.
 *   <li>Every bucket in the heap stands for a tick after its ring's current tick and within one
 *       turn of it, so a slot never stands for two ticks at once and a bucket is queued at most
 *       once.
 *   <li>{@link #size()} counts the entries that are neither cancelled nor expired.
 * </ul>
 * Times are non-negative milliseconds on one clock of the caller's choice (epoch or monotonic)
 * and never move backwards: an {@code advanceClock} to an earlier time only delivers what is due.
 *
 * <h2>Thread safety</h2>
 * Not thread-safe as a whole: {@link #add}, {@link #advanceClock} and {@link #nextExpirationMs()}
 * belong to one driver thread (or calls serialized by the caller). The {@code expired} callback
 * runs on that thread and may call {@code add}, to schedule a next occurrence say, but not
 * {@code advanceClock}. {@link TimerEntry#cancel()} and {@link #size()} are safe from any thread:
 * like Kafka, each bucket guards its list with its own lock, and the pending count is atomic.
 *
 * @param <T> the payload type
 */
public final class TimingWheel<T> {

    private final long tickMs;
    private final Ring<T> finest;
    private final PriorityQueue<TimerBucket<T>> queuedBuckets =
            new PriorityQueue<>(Comparator.comparingLong(TimerBucket::expirationMs));
    private final AtomicInteger pendingCount = new AtomicInteger();
    private long nowMs;

    /**
     * @param tickMs the resolution, in ms, of the finest ring
     * @param wheelSize the number of buckets in each ring
     * @param startMs the current time
     */
    public TimingWheel(long tickMs, int wheelSize, long startMs) {
        if (tickMs < 1 || wheelSize < 2 || startMs < 0) {
            throw new IllegalArgumentException(
                    "need tickMs >= 1, wheelSize >= 2, startMs >= 0; got %d, %d, %d"
                            .formatted(tickMs, wheelSize, startMs));
        }
        this.tickMs = tickMs;
        this.finest = new Ring<>(tickMs, wheelSize, startMs);
        this.nowMs = startMs;
    }

    /**
     * Schedules {@code payload} to expire at {@code expirationMs}.
     *
     * @return the entry, to cancel it; or {@code null} if it is already expired
     *     ({@code expirationMs <= } the current time; where Kafka's {@code add} returns false), in
     *     which case nothing is scheduled and the caller runs it at once
     */
    public TimerEntry<T> add(T payload, long expirationMs) {
        Objects.requireNonNull(payload, "payload");
        if (expirationMs <= nowMs) {
            return null;
        }
        TimerEntry<T> entry = new TimerEntry<>(payload, expirationMs, pendingCount);
        pendingCount.incrementAndGet();
        place(entry, dueMs(expirationMs));
        return entry;
    }

    /**
     * Moves time forward to {@code nowMs} and hands to {@code expired} the payload of every pending
     * entry whose due time ({@code expirationMs} rounded up to a whole tick: with a 1 ms tick,
     * {@code expirationMs} itself) is {@code <= nowMs}, earlier ticks first; entries of the same
     * tick come in no particular order.
     *
     * <p>{@code expired} should only hand the payload on. If it throws, the exception propagates
     * and the entries of the same tick not yet handed over stay pending: the next
     * {@code advanceClock} delivers them.
     */
    public void advanceClock(long nowMs, Consumer<? super T> expired) {
        this.nowMs = Math.max(this.nowMs, nowMs);
        TimerBucket<T> bucket;
        while ((bucket = queuedBuckets.peek()) != null && bucket.expirationMs() <= this.nowMs) {
            queuedBuckets.poll();
            finest.advanceTo(bucket.expirationMs());
            expireOrCascade(bucket.drain(), expired);
        }
        finest.advanceTo(this.nowMs);
    }

    /**
     * The time at which {@link #advanceClock} next has work to do (a bucket to expire or to move to
     * a finer ring), or {@link Long#MAX_VALUE} if nothing is scheduled; a driver can sleep until
     * then, or until something is added. Cancelled entries are not accounted for: the bucket of an
     * entry cancelled since still counts.
     */
    public long nextExpirationMs() {
        TimerBucket<T> bucket = queuedBuckets.peek();
        return bucket == null ? Long.MAX_VALUE : bucket.expirationMs();
    }

    /** The number of entries neither cancelled nor expired yet. */
    public int size() {
        return pendingCount.get();
    }

    private void place(TimerEntry<T> entry, long dueMs) {
        Ring<T> ring = finest;
        while (!ring.covers(dueMs)) {
            ring = ring.overflow();
        }
        long tick = dueMs / ring.tickMs;
        TimerBucket<T> bucket = ring.buckets[(int) (tick % ring.buckets.length)];
        bucket.add(entry);
        if (bucket.setExpiration(tick * ring.tickMs)) {
            queuedBuckets.offer(bucket);
        }
    }

    private void expireOrCascade(TimerEntry<T> chain, Consumer<? super T> expired) {
        TimerEntry<T> rest = chain;
        try {
            while (rest != null) {
                TimerEntry<T> entry = rest;
                rest = entry.unchain();
                long dueMs = dueMs(entry.expirationMs());
                if (dueMs > finest.currentTickMs) {
                    place(entry, dueMs);
                } else if (entry.expire()) {
                    expired.accept(entry.payload());
                }
            }
        } finally {
            // Only if expired threw: put back what it did not get to.
            while (rest != null) {
                TimerEntry<T> entry = rest;
                rest = entry.unchain();
                place(entry, dueMs(entry.expirationMs()));
            }
        }
    }

    /** Rounds up to a whole tick, so that no entry fires before its expiration. */
    private long dueMs(long expirationMs) {
        if (tickMs == 1) {
            return expirationMs; // spares a division on the hot path
        }
        long intoTick = expirationMs % tickMs;
        if (intoTick == 0) {
            return expirationMs;
        }
        long roundedDown = expirationMs - intoTick;
        // Within a tick of Long.MAX_VALUE, "never" in practice, round down instead of overflowing.
        return roundedDown > Long.MAX_VALUE - tickMs ? roundedDown : roundedDown + tickMs;
    }

    /** One ring of buckets; an overflow ring's tick is the span of the ring below it. */
    private static final class Ring<T> {

        private final long tickMs;
        private final long spanMs;
        private final TimerBucket<T>[] buckets;
        private long currentTickMs;
        private Ring<T> overflow;

        @SuppressWarnings("unchecked")
        Ring(long tickMs, int wheelSize, long startMs) {
            this.tickMs = tickMs;
            // The top ring of a hierarchy that reaches Long.MAX_VALUE covers everything.
            this.spanMs = tickMs > Long.MAX_VALUE / wheelSize ? Long.MAX_VALUE : tickMs * wheelSize;
            this.buckets = new TimerBucket[wheelSize];
            for (int i = 0; i < wheelSize; i++) {
                buckets[i] = new TimerBucket<>();
            }
            this.currentTickMs = startMs - startMs % tickMs;
        }

        boolean covers(long dueMs) {
            return dueMs - currentTickMs < spanMs || spanMs == Long.MAX_VALUE;
        }


        Ring<T> overflow() {
            if (overflow == null) {
                overflow = new Ring<>(spanMs, buckets.length, currentTickMs);
            }
            return overflow;
        }

        void advanceTo(long timeMs) {
            if (timeMs - currentTickMs >= tickMs) {
                currentTickMs = timeMs - timeMs % tickMs;
                if (overflow != null) {
                    overflow.advanceTo(currentTickMs);
                }
            }
        }
    }
}
