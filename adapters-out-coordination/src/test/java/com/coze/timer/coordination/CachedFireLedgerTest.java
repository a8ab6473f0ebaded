package com.coze.timer.coordination;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedFireLedgerTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");
    private static final BitSet ALL = all();

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryTaskStore tasks = new InMemoryTaskStore(new InMemoryExecutionLog());
    private final InMemoryUpcomingFires cache = new InMemoryUpcomingFires();
    private final CachedFireLedger ledger = new CachedFireLedger(new InMemoryFireLedger(tasks, new InMemoryExecutionLog()), cache,
            clock, Duration.ofMinutes(10));

    @BeforeEach
    void passTheFirstSweep() {
        ledger.findDue(T0, ALL, 10); // the very first refill scans storage
    }

    @Test
    void dueFiresAreFoundThroughTheCacheEarliestFirst() {
        TaskId later = stored(aTask().interval(20).build());
        TaskId sooner = stored(aTask().interval(10).build());
        TaskId notYet = stored(aTask().interval(3_600).build());

        List<Task> due = ledger.findDue(T0.plusSeconds(30), ALL, 10);

        assertThat(due).extracting(Task::id).containsExactly(sooner, later).doesNotContain(notYet);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void aFlushedCacheIsRebuiltFromStorageAndNothingIsLost() {
        TaskId id = stored(aTask().interval(10).build());
        cache.flush();

        assertThat(ledger.findDue(T0.plusSeconds(30), ALL, 10)).extracting(Task::id).containsExactly(id);
    }

    @Test
    void aRebuildReadsStorageOneGroupOfSlotsAtATimeAndRestoresEverySlot() {
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(stored(aTask().interval(10).build()));
        }
        cache.flush();

        assertThat(ledger.findDue(T0.plusSeconds(30), ALL, 1_000)).extracting(Task::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(cache.size()).isEqualTo(300);
        List<BitSet> chunks = CachedFireLedger.chunks(ALL);
        assertThat(chunks).hasSize(Slots.STORED / CachedFireLedger.REBUILD_CHUNK)
                .allSatisfy(chunk -> assertThat(chunk.cardinality()).isEqualTo(CachedFireLedger.REBUILD_CHUNK));
        BitSet odd = new BitSet();
        odd.set(3);
        odd.set(40, 80);
        assertThat(CachedFireLedger.chunks(odd)).extracting(BitSet::cardinality).containsExactly(32, 9);
    }

    @Test
    void aFailingCacheFallsBackToStorageAndIsRebuiltWhenItWorksAgain() {
        cache.failing(true);
        TaskId id = stored(aTask().interval(10).build()); // the mirror write fails
        assertThat(ledger.findDue(T0.plusSeconds(30), ALL, 10)).extracting(Task::id).containsExactly(id);

        cache.failing(false);
        assertThat(ledger.findDue(T0.plusSeconds(30), ALL, 10)).extracting(Task::id).containsExactly(id);
        assertThat(cache.size()).as("left alone while it may still be down").isZero();
        clock.advance(Duration.ofMinutes(11));
        assertThat(ledger.findDue(T0.plusSeconds(700), ALL, 10)).as("the sweep").extracting(Task::id).containsExactly(id);
        assertThat(ledger.findDue(T0.plusSeconds(700), ALL, 10)).as("the rebuilt cache").extracting(Task::id).containsExactly(id);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aClaimedTaskLeavesTheCacheAndAWrongEntryIsCorrected() {
        Task task = tasks.find(stored(aTask().interval(10).build())).orElseThrow();
        ledger.writeAll(List.of(task.claimNextFire("x", T0.plusSeconds(300), T0).orElseThrow()));
        assertThat(cache.size()).isZero();

        cache.put(Slots.of(task.id()), task.id(), T0); // a stale entry, as another instance might leave
        assertThat(ledger.findDue(T0.plusSeconds(30), ALL, 10)).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aDeletedTaskLeavesTheCache() {
        TaskId id = stored(aTask().interval(10).build());
        ledger.delete(id);
        assertThat(cache.size()).isZero();
    }

    private TaskId stored(Task task) {
        ledger.insert(task);
        return task.id();
    }

    private static BitSet all() {
        BitSet all = new BitSet();
        all.set(0, Slots.STORED);
        return all;
    }
}
