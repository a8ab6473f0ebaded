package com.coze.timer.coordination;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last published set of owned slots and the listeners told of each change. {@link #publish}
 * is called from one thread, so listeners see the changes in order; {@link #current()} from any.
 * Each listener gets its own copy.
 */
final class SlotListeners {

    private static final Logger LOG = Logger.getLogger(SlotListeners.class.getName());

    private final List<Consumer<BitSet>> listeners = new CopyOnWriteArrayList<>();
    private volatile BitSet published = new BitSet();

    void add(Consumer<BitSet> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Publishes {@code owned} and tells every listener, unless it equals what was published last. */
    void publish(BitSet owned) {
        if (owned.equals(published)) {
            return;
        }
        published = (BitSet) owned.clone();
        for (Consumer<BitSet> listener : listeners) {
            try {
                listener.accept((BitSet) owned.clone());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a slot-ownership listener failed", e);
            }
        }
    }

    /** A copy of what was published last. */
    BitSet current() {
        return (BitSet) published.clone();
    }
}
