package com.coze.timer.bootstrap;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Things opened one after another and closed in reverse order, all of them even when one fails:
 * the service's parts at shutdown, or those already opened when a start fails half-way.
 */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
