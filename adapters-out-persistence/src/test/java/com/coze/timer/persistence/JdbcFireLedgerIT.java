package com.coze.timer.persistence;

import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.port.out.ExecutionLog;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLedger.Completion;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.task.Skips;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.BitSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcFireLedgerIT {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");
    private static final String ME = "instance-a";
    private static final BitSet ALL = Slots.storedSlotsOf(allOf(1), 1);
    private static JdbcPersistence persistence;
    private static TaskStore store;
    private static FireLedger ledger;
    private static ExecutionLog log;

    @BeforeAll
    static void openDatabase() {
        persistence = TestDatabase.open(TestDatabase.freshDatabase(), TestDatabase.KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        store = persistence.fireLedger("it");
        ledger = persistence.fireLedger(ME);
        log = persistence.executionLog();
    }

    @AfterAll
    static void closeDatabase() {
        persistence.close();
    }

    @Test
    void dueTasksAreFoundEarliestFirstAndClaimedOnesAreNot() {
        Task due = stored(aTask().interval(20).build());
        Task claimed = stored(aTask().interval(20).build());
        ledger.writeAll(List.of(claim(claimed, "claimed-before")));
        Instant dueBefore = due.nextRunTime().orElseThrow().plusSeconds(1);

        List<Task> found = ledger.findDue(dueBefore, ALL, 100);

        assertThat(found).extracting(Task::id).contains(due.id()).doesNotContain(claimed.id());
        assertThat(found).isSortedAccordingTo((a, b) -> a.nextRunTime().orElseThrow().compareTo(b.nextRunTime().orElseThrow()));
    }

    @Test
    void skipsAddUpPerTaskWithTheLastReasonAndTimeAndLeaveTheVersionAlone() {
        Task task = stored(aTask().interval(1).build());
        assertThat(store.findWithLatest(task.id()).orElseThrow().skips()).isEqualTo(Skips.NONE);

        ledger.recordSkips(List.of(new FireLedger.Skip(task.id(), 6, Skips.Reason.IN_FLIGHT, NOW)));
        ledger.recordSkips(List.of(new FireLedger.Skip(task.id(), 2, Skips.Reason.MISFIRE, NOW.plusMillis(1_500))));

        assertThat(store.findWithLatest(task.id()).orElseThrow().skips()).isEqualTo(new Skips(8, Optional.of(Skips.Reason.MISFIRE), Optional.of(NOW.plusMillis(1_500))));
        assertThat(store.find(task.id()).orElseThrow().version()).as("a skip never makes a change retry").isEqualTo(task.version());
    }

    @Test
    void aBatchWriteReportsExactlyWhichTasksLostTheirRace() {
        Task first = stored(aTask().interval(20).build());
        Task stale = stored(aTask().interval(20).build());
        store.update(stale.cancel(NOW).orElseThrow()); // the user got there first
        Task third = stored(aTask().interval(20).build());

        List<Optional<Task>> written = ledger.writeAll(List.of(claim(first, "a"), claim(stale, "b"), claim(third, "c")));

        assertThat(written.get(0)).isPresent();
        assertThat(written.get(1)).isEmpty();
        assertThat(written.get(2)).isPresent();
        assertThat(store.find(first.id()).orElseThrow().pendingFire().orElseThrow().executionId()).isEqualTo("a");
        assertThat(store.find(stale.id()).orElseThrow().pendingFire()).isEmpty();
    }

    @Test
    void aTaskTwiceInOneBatchIsWrittenByItsFirstOccurrenceAndADeletedOneLosesAlone() {
        Task twice = stored(aTask().interval(20).build());
        Task deleted = stored(aTask().interval(20).build());
        Task other = stored(aTask().interval(20).build());
        store.delete(deleted.id());

        List<Optional<Task>> written = ledger.writeAll(List.of(claim(twice, "first"), claim(deleted, "gone"), claim(twice, "second"),
                claim(other, "other")));

        assertThat(written).extracting(Optional::isPresent).containsExactly(true, false, false, true);
        Task stored = store.find(twice.id()).orElseThrow();
        assertThat(stored.pendingFire().orElseThrow().executionId()).isEqualTo("first");
        assertThat(stored.version()).isEqualTo(twice.version() + 1).isEqualTo(written.getFirst().orElseThrow().version());
        assertThat(store.find(deleted.id())).isEmpty();
    }

    @Test
    void aBatchOfSeveralStatementsWritesEveryFieldOfEveryTaskAndLosesOnlyTheStaleOne() {
        // Due a month ahead, leased until then: no other test's query finds them, whatever this one leaves behind.
        List<Task> tasks = IntStream.range(0, 1_203).mapToObj(i -> stored(aTask().nextRunTime(NOW.plus(Duration.ofDays(30))).build())).toList();
        Task stale = tasks.get(1_100);
        store.update(stale.cancel(NOW).orElseThrow());
        List<Task> claims = tasks.stream().map(task -> claim(task, UUID.randomUUID().toString())).toList();

        List<Optional<Task>> written = ledger.writeAll(claims);

        assertThat(written.stream().filter(Optional::isEmpty).count()).isEqualTo(1);
        assertThat(written.get(1_100)).isEmpty();
        for (int i : new int[] {0, 499, 500, 1_099, 1_202}) {
            Task claim = claims.get(i);
            Task stored = store.find(claim.id()).orElseThrow();
            assertThat(stored.pendingFire()).isEqualTo(claim.pendingFire());
            assertThat(stored).usingRecursiveComparison().isEqualTo(claim.withVersion(claim.version() + 1));
        }
        assertThat(store.find(stale.id()).orElseThrow().status()).isEqualTo(stale.cancel(NOW).orElseThrow().status());
        assertThat(ledger.findClaimsOfDepartedOwners(Set.of("someone-else"), ALL, 2_000)).extracting(Task::id)
                .contains(claims.get(1_202).id()).doesNotContain(stale.id());
    }

    @Test
    void expiredLeasesAreFoundAndLiveOnesAreNot() {
        Task task = stored(aTask().interval(20).build());
        ledger.writeAll(List.of(claim(task, "leased")));
        Instant leaseUntil = store.find(task.id()).orElseThrow().pendingFire().orElseThrow().leaseUntil();

        assertThat(ledger.findExpiredClaims(leaseUntil, ALL, 100)).extracting(Task::id).doesNotContain(task.id());
        assertThat(ledger.findExpiredClaims(leaseUntil.plusMillis(1), ALL, 100)).extracting(Task::id).contains(task.id());
        assertThat(ledger.findExpiredClaims(Instant.MAX, ALL, 100)).extracting(Task::id).contains(task.id());
        assertThat(ledger.findClaimsOfDepartedOwners(Set.of(ME), ALL, 100)).extracting(Task::id).doesNotContain(task.id());
    }

    @Test
    void theClaimsOfAnInstanceThatLeftAreOrphansAtOnce() {
        Task task = stored(aTask().interval(20).build());
        persistence.fireLedger("instance-gone").writeAll(List.of(claim(task, "gone")));

        assertThat(ledger.findClaimsOfDepartedOwners(Set.of(ME), ALL, 1000)).extracting(Task::id).contains(task.id());
        assertThat(ledger.findClaimsOfDepartedOwners(Set.of(ME, "instance-gone"), ALL, 1000)).extracting(Task::id)
                .doesNotContain(task.id());
        assertThat(ledger.findClaimsOfDepartedOwners(Set.of(), ALL, 1000)).as("no live owner given: every owned claim")
                .extracting(Task::id).contains(task.id());
        assertThat(ledger.findExpiredClaims(NOW, ALL, 1000)).extracting(Task::id).doesNotContain(task.id());
    }

    @Test
    void aClaimOfUnknownOwnerIsAnOrphanOnlyOnceItsLeaseRanOut() {
        Task task = stored(aTask().interval(20).build());
        store.update(claim(task, "no-owner")); // written by the store, not the ledger: no owner recorded
        Instant leaseUntil = store.find(task.id()).orElseThrow().pendingFire().orElseThrow().leaseUntil();

        assertThat(ledger.findClaimsOfDepartedOwners(Set.of(ME), ALL, 1000)).extracting(Task::id).doesNotContain(task.id());
        assertThat(ledger.findExpiredClaims(leaseUntil.plusMillis(1), ALL, 1000)).extracting(Task::id).contains(task.id());
    }

    @Test
    void onlyTheGivenSlotsAreSearched() {
        Task task = stored(aTask().interval(20).build());
        BitSet onlyItsSlot = new BitSet();
        onlyItsSlot.set(Slots.of(task.id()));
        BitSet allButItsSlot = (BitSet) ALL.clone();
        allButItsSlot.clear(Slots.of(task.id()));
        Instant dueBefore = task.nextRunTime().orElseThrow();

        assertThat(ledger.findDue(dueBefore, onlyItsSlot, 1000)).extracting(Task::id).contains(task.id());
        assertThat(ledger.findDue(dueBefore, allButItsSlot, 1000)).extracting(Task::id).doesNotContain(task.id());
        assertThat(ledger.findDue(dueBefore, new BitSet(), 1000)).isEmpty();
    }

    @Test
    void tasksAreLoadedByIdAndUpcomingFiresListedPerSlot() {
        Task unclaimed = stored(aTask().interval(20).build());
        Task claimed = stored(aTask().interval(20).build());
        ledger.writeAll(List.of(claim(claimed, "busy")));

        assertThat(ledger.load(List.of(unclaimed.id(), claimed.id()))).extracting(Task::id)
                .containsExactlyInAnyOrder(unclaimed.id(), claimed.id());
        assertThat(ledger.unclaimedNextRuns(ALL)).containsEntry(unclaimed.id(), unclaimed.nextRunTime().orElseThrow())
                .doesNotContainKey(claimed.id());
    }

    private static BitSet allOf(int count) {
        BitSet all = new BitSet();
        all.set(0, count);
        return all;
    }

    @Test
    void anOutcomeIsLoggedAndItsTaskWrittenInOneGo() {
        Task task = stored(aTask().interval(20).build());
        Task claimed = ledger.writeAll(List.of(claim(task, "exec-1"))).getFirst().orElseThrow();
        Task counted = claimed.recordExecution("exec-1", true,
                new com.coze.timer.domain.stop.StopPolicy.ExecutionFacts(0, true, p -> Optional.empty()), 10, NOW).orElseThrow();

        List<Optional<Task>> stored = ledger.recordAll(List.of(
                new Completion(ExecutionRecords.aSuccessOf(task, claimed.pendingFire().orElseThrow().scheduledTime()), Optional.of(counted))));

        assertThat(stored.getFirst()).isPresent();
        Task now = store.find(task.id()).orElseThrow();
        assertThat(now.executionCount()).isEqualTo(1);
        assertThat(now.pendingFire()).isEmpty();
        assertThat(log.recent(task.id(), 10, Optional.empty())).hasSize(1);
    }

    @Test
    void theOutcomeOfADeletedTaskLeavesNoLogBehind() {
        Task task = stored(aTask().interval(20).build());
        store.delete(task.id());

        ledger.recordAll(List.of(new Completion(ExecutionRecords.aSuccessOf(task, NOW), Optional.empty())));

        assertThat(log.recent(task.id(), 10, Optional.empty())).isEmpty();
    }

    @Test
    void aRowThatDoesNotDecryptIsLeftOutAndTheOthersAreStillFound() {
        Task broken = stored(aTask().interval(20).build());
        Task sound = stored(aTask().interval(20).build());
        RawSql.update(persistence.dataSource(), "UPDATE tasks SET signing_cipher = 'not sealed' WHERE task_id = ?", broken.id().toString());
        Instant dueBefore = sound.nextRunTime().orElseThrow().plusSeconds(1);

        List<Task> found = ledger.findDue(dueBefore, ALL, 1_000);

        assertThat(found).extracting(Task::id).contains(sound.id()).doesNotContain(broken.id());
        assertThat(ledger.load(List.of(broken.id(), sound.id()))).extracting(Task::id).containsExactly(sound.id());
    }

    private static Task stored(Task task) {
        store.insert(task);
        return store.find(task.id()).orElseThrow();
    }

    private static Task claim(Task task, String executionId) {
        return task.claimNextFire(executionId, task.nextRunTime().orElseThrow().plusSeconds(180), NOW).orElseThrow();
    }
}
