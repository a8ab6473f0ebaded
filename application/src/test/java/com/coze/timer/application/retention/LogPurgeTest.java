package com.coze.timer.application.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryDeadLetters;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.port.out.DeliveryMetrics;
import com.coze.timer.application.port.out.LogPurging;
import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The purge applies every bound in batches of its size until a batch comes back short, and counts the rows. */
class LogPurgeTest {

    private final ManualClock clock = ManualClock.at("2026-04-22T10:00:00Z");
    private final AtomicInteger counted = new AtomicInteger();
    private final DeliveryMetrics metrics = new DeliveryMetrics() {
        @Override
        public void logsPurged(int rows) {
            counted.addAndGet(rows);
        }
    };

    @Test
    void oldRecordsGoInBatchesUntilAShortOneAndTheCapIsAppliedPerTask() throws Exception {
        List<String> calls = new ArrayList<>();
        int[] old = {25};
        int[] beyond = {3};
        TaskId task = TaskId.random();
        LogPurging log = new LogPurging() {
            @Override
            public int purgeCreatedBefore(Instant cutoff, int limit) {
                calls.add("age " + cutoff);
                int n = Math.min(limit, old[0]);
                old[0] -= n;
                return n;
            }

            @Override
            public List<TaskId> tasksOver(int maxPerTask, int limit) {
                return List.of(task);
            }

            @Override
            public int purgeBeyond(TaskId taskId, int keep, int limit) {
                calls.add("cap " + keep);
                int n = Math.min(limit, beyond[0]);
                beyond[0] -= n;
                return n;
            }
        };
        RetentionSettings settings = new RetentionSettings(Optional.of(Duration.ofDays(7)), OptionalInt.of(100), Optional.empty(), 10,
                Duration.ZERO, Duration.ofMinutes(1));

        long purged = new LogPurge(log, new InMemoryDeadLetters(), metrics, settings, clock).purgeOnce();

        assertThat(purged).isEqualTo(28);
        assertThat(counted.get()).isEqualTo(28);
        assertThat(calls).containsExactly("age 2026-04-15T10:00:00Z", "age 2026-04-15T10:00:00Z", "age 2026-04-15T10:00:00Z",
                "cap 100");
    }

    @Test
    void withNoBoundNothingRuns() {
        RetentionSettings none = new RetentionSettings(Optional.empty(), OptionalInt.empty(), Optional.empty(), 10, Duration.ZERO,
                Duration.ofMinutes(1));
        assertThat(none.purges()).isFalse();
    }
}
