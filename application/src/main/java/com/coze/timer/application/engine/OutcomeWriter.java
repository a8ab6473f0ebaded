package com.coze.timer.application.engine;

import com.coze.timer.application.engine.EngineCommand.Settled;
import com.coze.timer.application.engine.FireWheel.Finished;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLedger.Completion;
import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.application.port.out.StorageUnavailable;
import com.coze.timer.application.task.TaskLog;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Writes outcomes in batches: the execution record and the task's new state in one transaction,
 * already claiming its next fire when that is due within the window, and what a final failure
 * leaves behind ({@link FinalFailures}); then tells the wheel
 * ({@link Settled}). What it cannot write is isolated: when a batch fails, each fire is written
 * alone; a fire that fails alone is recorded as failed with the reason (counted by
 * {@link FireMetrics#outcomeIsolated}), and a fire that cannot be recorded even so is given up —
 * its claim stays stored and is taken over after its lease. Only when nothing of a batch can be
 * written does the batch fail, to be retried, at most {@value #MAX_ATTEMPTS} times; while storage is
 * unreachable ({@link StorageUnavailable}) nothing is isolated and the fires wait until it is back.
 * A batch whose commit was stored but never answered finds its tasks changed when retried: it
 * settles them as a lost race, and the wheel has the refill look for the next claims it stored
 * ({@link Claims#recheckOwnClaims()}).
 *
 * <p>Threading: {@link #offer} is called by the wheel thread; everything else by the outcome
 * writer thread only.
 */
final class OutcomeWriter {

    private static final Logger LOG = Logger.getLogger(OutcomeWriter.class.getName());
    /** Attempts at a batch while storage fails it whole, before its fires are given up. */
    static final int MAX_ATTEMPTS = 8;
    /**
     * How long the writer gathers more outcomes after the first of a batch, when it waits for one:
     * at low rates a transaction per outcome or two cost the database more than the outcomes did.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final FireLedger ledger;
    private final Outcomes outcomes;
    private final Claims claims;
    private final FireMetrics metrics;
    private final Clock clock;
    private final EngineInbox inbox;
    private final int batchSize;
    private final SkipRecorder skips;
    private final LinkedBlockingQueue<Finished> finished = new LinkedBlockingQueue<>();

    OutcomeWriter(EnginePorts ports, Outcomes outcomes, Claims claims, Clock clock, EngineInbox inbox, int batchSize, SkipRecorder skips) {
        this.skips = skips;
        this.ledger = ports.ledger();
        this.metrics = ports.metrics();
        this.outcomes = outcomes;
        this.claims = claims;
        this.clock = clock;
        this.inbox = inbox;
        this.batchSize = batchSize;
    }

    void offer(Finished done) {
        finished.add(done);
    }

    /**
     * The next batch: waits up to {@code waitMs} for a first outcome, then gathers what comes within
     * {@link #GATHER_NANOS} up to the batch size; {@code waitMs} 0 takes only what is there.
     */
    List<Finished> take(long waitMs) throws InterruptedException {
        List<Finished> batch = new ArrayList<>();
        Finished first = waitMs > 0 ? finished.poll(waitMs, TimeUnit.MILLISECONDS) : finished.poll();
        if (first != null) {
            batch.add(first);
            finished.drainTo(batch, batchSize - 1);
            if (waitMs > 0) {
                gather(batch);
            }
        }
        return batch;
    }

    private void gather(List<Finished> batch) throws InterruptedException {
        long until = System.nanoTime() + GATHER_NANOS;
        for (long left = GATHER_NANOS; batch.size() < batchSize && left > 0; left = until - System.nanoTime()) {
            Finished next = finished.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            finished.drainTo(batch, batchSize - batch.size());
        }
    }

    /**
     * Writes the batch, isolating what cannot be written, and removes from {@code batch} (mutable)
     * every fire it settled. Throws {@link StorageUnavailable} when storage cannot be reached, with
     * the fires it did not store left in {@code batch}: those are retried as they are, never
     * recorded as failed for an outage. Any other failure of the batch as a whole is isolated.
     */
    void write(List<Finished> batch) {
        try {
            writeTogether(batch, false);
            batch.clear();
            return;
        } catch (StorageUnavailable down) {
            throw down;
        } catch (RuntimeException whole) {
            StorageUnavailable down = null;
            for (Iterator<Finished> it = batch.iterator(); it.hasNext(); ) {
                try {
                    writeOneIsolated(it.next(), whole);
                    it.remove();
                } catch (StorageUnavailable e) {
                    down = e;
                }
            }
            if (down != null) {
                throw down;
            }
        }
    }

    /** Gives up on fires storage would not take (after {@link #MAX_ATTEMPTS}): the wheel forgets them. */
    void giveUp(List<Finished> batch, RuntimeException cause) {
        LOG.warning("giving up on the outcomes of " + batch.size() + " fires after " + MAX_ATTEMPTS
                + " attempts; their claims are taken over after the lease: " + cause.getMessage());
        batch.forEach(done -> inbox.post(new Settled(done.tracked(), Optional.empty())));
    }

    /**
     * One fire of a batch that failed: written alone; if that fails, recorded as failed with the
     * reason (counted by {@link FireMetrics#outcomeIsolated}); if even that fails, given up (its
     * claim is taken over after the lease). Throws only {@link StorageUnavailable}.
     */
    private void writeOneIsolated(Finished done, RuntimeException batchFailure) {
        RuntimeException cause = batchFailure;
        try {
            writeTogether(List.of(done), false);
            return;
        } catch (StorageUnavailable down) {
            throw down;
        } catch (RuntimeException alone) {
            cause = alone;
        }
        metrics.outcomeIsolated();
        try {
            writeTogether(List.of(done), true);
            LOG.warning("task " + done.task().id() + " execution " + done.fire().executionId()
                    + ": its outcome could not be stored and is recorded as failed: " + cause.getMessage());
        } catch (StorageUnavailable down) {
            throw down;
        } catch (RuntimeException again) {
            giveUp(List.of(done), again);
        }
    }

    private void writeTogether(List<Finished> batch, boolean asFailed) {
        Instant now = clock.instant();
        List<Outcomes.Evaluation> evaluations = batch.stream().map(done -> outcomes.evaluate(done, asFailed, now)).toList();
        List<Completion> completions = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            completions.add(completion(batch.get(i), evaluations.get(i), now));
        }
        List<Optional<Task>> stored = ledger.recordAll(completions);
        recordSkips(batch, completions, stored, now);
        for (int i = 0; i < batch.size(); i++) {
            try { // stored: nothing after this may fail the batch, or it would be written twice
                if (completions.get(i).record().outcome() == ExecutionOutcome.FAILURE) {
                    TaskLog.executionFailed(completions.get(i).record());
                }
                settle(batch.get(i), evaluations.get(i), completions.get(i), stored.get(i), now);
            } catch (RuntimeException e) {
                LOG.warning("task " + batch.get(i).task().id() + ": settling a stored outcome failed: " + e);
                inbox.post(new Settled(batch.get(i).tracked(), Optional.empty()));
            }
        }
    }

    private void recordSkips(List<Finished> batch, List<Completion> completions, List<Optional<Task>> stored, Instant now) {
        List<FireLedger.Skip> skipped = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Finished done = batch.get(i);
            long count = completions.get(i).task().isPresent() ? stored.get(i).map(after -> Skips.between(done.task(), after)).orElse(0L) : 0;
            if (count > 0) {
                skipped.add(new FireLedger.Skip(done.task().id(), count, outcomes.skipReason(done), now));
            }
        }
        skips.record(skipped);
    }

    private Completion completion(Finished done, Outcomes.Evaluation evaluation, Instant now) {
        Optional<Task> next = done.result().aborted() || done.done() || !(evaluation.next() instanceof Result.Ok<Task> ok)
                ? Optional.empty() : Optional.of(claims.claimIfDue(ok.value(), now));
        return FinalFailures.attach(new Completion(evaluation.record(), next), done.task(), now);
    }

    private void settle(Finished done, Outcomes.Evaluation evaluation, Completion completion, Optional<Task> stored, Instant now) {
        inbox.post(new Settled(done.tracked(), stored));
        logIfEnded(done, evaluation, stored);
        if (stored.isEmpty() && completion.task().isPresent()) {
            settleLostRace(done, evaluation, now);
        }
    }

    /**
     * The task changed while its call was in flight (a modification, a pause, or a takeover of an
     * expired lease): count the execution on what is stored now, but only while that still holds
     * this very fire, so that no execution is ever counted twice.
     */
    private void settleLostRace(Finished done, Outcomes.Evaluation evaluation, Instant now) {
        String executionId = done.fire().executionId();
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Task> current = ledger.find(done.task().id());
            boolean stillOurs = current.flatMap(Task::pendingFire).map(fire -> fire.executionId().equals(executionId)).orElse(false);
            if (!stillOurs || !(outcomes.reapply(current.get(), done.fire(), evaluation, now) instanceof Result.Ok<Task> next)) {
                return;
            }
            Optional<Task> written = ledger.update(next.value());
            if (written.isPresent()) {
                logIfEnded(done, evaluation, written);
                return;
            }
        }
    }

    /** Logs the end of a task that {@code done} completed or failed, once its new state is stored. */
    private static void logIfEnded(Finished done, Outcomes.Evaluation evaluation, Optional<Task> stored) {
        if (stored.isPresent() && stored.get().isFinal()) {
            TaskLog.ended(stored.get(), done.fire().executionId(), Outcomes.endReason(stored.get(), evaluation.result()));
        }
    }
}
