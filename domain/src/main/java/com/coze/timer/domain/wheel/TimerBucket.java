package com.coze.timer.domain.wheel;

/**
 * One slot of one ring of a {@link TimingWheel}: the entries due within one tick of that ring, in a
 * doubly linked list so that any of them can leave in O(1) (Kafka's {@code TimerTaskList}).
 *
 * <p>The list and the entries' links are guarded by the bucket's monitor, because
 * {@link TimerEntry#cancel()} may unlink an entry from any thread. {@link #expirationMs()} is the
 * start of the tick the bucket currently stands for, or -1 while it stands for none; it is read
 * and written by the driver thread only.
 */
final class TimerBucket<T> {

    private TimerEntry<T> head;
    private TimerEntry<T> tail;
    private long expirationMs = -1;

    synchronized void add(TimerEntry<T> entry) {
        entry.prev = tail;
        entry.next = null;
        if (tail == null) {
            head = entry;
        } else {
            tail.next = entry;
        }
        tail = entry;
        entry.bucket = this;
        // A cancel() that ran while the entry was between buckets found none to remove it from.
        // It writes the state then reads the bucket; we write the bucket then read the state, so
        // one of the two sees the other.
        if (entry.isCancelled()) {
            unlink(entry);
        }
    }

    /** Unlinks the entry if it is still in this bucket; {@code false} if it has moved on. */
    synchronized boolean remove(TimerEntry<T> entry) {
        if (entry.bucket != this) {
            return false;
        }
        unlink(entry);
        return true;
    }

    /**
     * Empties the bucket and frees it for another tick.
     *
     * @return the entries it held, chained by {@code next} (walk it with
     *     {@link TimerEntry#unchain()}), or {@code null}
     */
    synchronized TimerEntry<T> drain() {
        TimerEntry<T> chain = head;
        for (TimerEntry<T> entry = head; entry != null; entry = entry.next) {
            entry.prev = null;
            entry.bucket = null;
        }
        head = null;
        tail = null;
        expirationMs = -1;
        return chain;
    }

    /** @return {@code true} if the bucket now stands for a new tick and so must be queued. */
    boolean setExpiration(long expirationMs) {
        if (this.expirationMs == expirationMs) {
            return false;
        }
        this.expirationMs = expirationMs;
        return true;
    }

    long expirationMs() {
        return expirationMs;
    }

    private void unlink(TimerEntry<T> entry) {
        if (entry.prev == null) {
            head = entry.next;
        } else {
            entry.prev.next = entry.next;
        }
        if (entry.next == null) {
            tail = entry.prev;
        } else {
            entry.next.prev = entry.prev;
        }
        entry.prev = null;
        entry.next = null;
        entry.bucket = null;
    }
}
