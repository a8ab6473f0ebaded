package com.coze.timer.persistence;

import com.coze.timer.domain.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Groups the concurrent creates of one user into one transaction. Creates of a user are serial by
 * design (they queue on the user's quota lock, see {@link JdbcTaskStore#insertWithinQuota}), so
 * one at a time they cost a lock, a count and a commit each; grouped, a transaction locks once,
 * counts once, inserts every task that still fits and commits once.
 *
 * <p>The caller that finds nobody inserting for its user leads: it takes what has queued (its own
 * task included, at most {@link #MAX_GROUP}), writes it, answers every caller of the group, and
 * hands the lead to the first caller still waiting, so that no caller writes for others for longer
 * than one group. Thread-safe: the queues and the lead flags are concurrent; a group is written by
 * its leader alone. It keeps one small queue per user that has created a task since the start.
 */
final class GroupedInserts {

    /** The most tasks one transaction inserts. */
    static final int MAX_GROUP = 200;

    /** Writes a group of one user's tasks under its quota lock, completing each caller's answer. */
    @FunctionalInterface
    interface GroupWriter {
        void write(List<Waiter> group);
    }

    /** A task waiting for its insert; {@link #answer} completes with whether it was inserted. */
    static final class Waiter {
        final Task task;
        final long maxActive;
        private volatile CompletableFuture<Answer> answer = new CompletableFuture<>();

        Waiter(Task task, long maxActive) {
            this.task = task;
            this.maxActive = maxActive;
        }

        void inserted(boolean inserted) {
            answer.complete(inserted ? Answer.INSERTED : Answer.REFUSED);
        }

        void failed(RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }

    private enum Answer { INSERTED, REFUSED, LEAD }

    private final Map<Long, UserQueue> queues = new ConcurrentHashMap<>();
    private final GroupWriter writer;

    GroupedInserts(GroupWriter writer) {
        this.writer = writer;
    }

    /** Inserts {@code task} if its user's quota has room, grouped with other callers' creates of that user. */
    boolean insert(Task task, long maxActive) {
        UserQueue queue = queues.computeIfAbsent(task.userId(), user -> new UserQueue());
        Waiter own = new Waiter(task, maxActive);
        queue.waiting.add(own);
        if (queue.leading.compareAndSet(false, true)) {
            lead(queue);
        }
        while (true) {
            Answer answer = await(own);
            if (answer != Answer.LEAD) {
                return answer == Answer.INSERTED;
            }
            own.answer = new CompletableFuture<>(); // the lead is this caller's alone until it writes its group
            lead(queue);
        }
    }

    private void lead(UserQueue queue) {
        List<Waiter> group = new ArrayList<>();
        for (Waiter next; group.size() < MAX_GROUP && (next = queue.waiting.poll()) != null; ) {
            group.add(next);
        }
        try {
            writer.write(group);
        } catch (RuntimeException | Error e) { // no caller of the group may be left waiting
            group.forEach(waiter -> waiter.answer.completeExceptionally(e));
        } finally {
            queue.leading.set(false);
            if (!queue.waiting.isEmpty() && queue.leading.compareAndSet(false, true)) {
                Waiter next = queue.waiting.peek();
                if (next != null) {
                    next.answer.complete(Answer.LEAD);
                } else {
                    queue.leading.set(false);
                }
            }
        }
    }

    private static Answer await(Waiter waiter) {
        try {
            return waiter.answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static final class UserQueue {
        final Queue<Waiter> waiting = new ConcurrentLinkedQueue<>();
        final AtomicBoolean leading = new AtomicBoolean();
    }
}
