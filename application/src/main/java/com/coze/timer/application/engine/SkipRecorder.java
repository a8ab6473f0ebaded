package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLedger.Skip;
import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Records the occurrences a stored move of the engine skipped ({@link Skips#between}): in storage,
 * for GET, and in {@code timer_fires_skipped_total{reason}}. A failure to record them is logged and
 * never fails the move, which is stored already.
 *
 * <p>Threading: stateless; called by the refill thread and the outcome writer.
 */
final class SkipRecorder {

    private static final Logger LOG = Logger.getLogger(SkipRecorder.class.getName());

    private final FireLedger ledger;
    private final FireMetrics metrics;

    SkipRecorder(FireLedger ledger, FireMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** {@code before.get(i)} became {@code stored.get(i)} (empty: not written). */
    void record(List<Task> before, List<Optional<Task>> stored, Skips.Reason reason, Instant now) {
        List<Skip> skips = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            Task from = before.get(i);
            long skipped = stored.get(i).map(after -> Skips.between(from, after)).orElse(0L);
            if (skipped > 0) {
                skips.add(new Skip(from.id(), skipped, reason, now));
            }
        }
        record(skips);
    }

    void record(List<Skip> skips) {
        if (skips.isEmpty()) {
            return;
        }
        skips.forEach(skip -> metrics.skipped(skip.reason(), skip.occurrences()));
        try {
            ledger.recordSkips(skips);
        } catch (RuntimeException e) {
            LOG.warning("could not record the skipped occurrences of " + skips.size() + " tasks: " + e.getMessage());
        }
    }
}
