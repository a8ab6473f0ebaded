package com.coze.timer.persistence;

import static com.coze.timer.persistence.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.application.port.out.FailureNotice;
import com.coze.timer.application.port.out.FailureOutbox;
import com.coze.timer.application.port.out.FailureOutbox.Claimed;
import com.coze.timer.application.port.out.FinalFailure;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLedger.Completion;
import com.coze.timer.application.port.out.LogPurging;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dead letters, the failure-callback outbox and the log purge on a real MariaDB: written with the
 * failed outcome or not at all, claimed by one relay at a time and again after a lease with the
 * same id, listed newest first by cursor, and purged in bounded batches.
 */
class FinalFailuresIT {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");
    private static JdbcPersistence persistence;
    private static TaskStore store;
    private static FireLedger ledger;
    private static DeadLetters deadLetters;
    private static FailureOutbox outbox;
    private static LogPurging purging;

    @BeforeAll
    static void openDatabase() {
        persistence = TestDatabase.open(TestDatabase.freshDatabase(), TestDatabase.KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        ledger = persistence.fireLedger("instance-a");
        store = ledger;
        deadLetters = persistence.deadLetters();
        outbox = persistence.failureOutbox();
        purging = persistence.logPurging();
    }

    @AfterAll
    static void closeDatabase() {
        persistence.close();
    }

    @Test
    void aFinalFailureIsStoredWithItsOutcomeAndItsRequestOpensAsTheTasksDoes() {
        Task task = stored(aTask().header("Authorization", "Bearer s3cret").body("{\"a\":1}").build());
        ExecutionRecord failed = ExecutionRecords.aFailureOf(task, NOW);
        DeadLetter deadLetter = deadLetterOf(task, failed, NOW);
        FailureNotice notice = noticeOf(task, failed);

        ledger.recordAll(List.of(new Completion(failed, Optional.empty(), Optional.of(new FinalFailure(deadLetter, Optional.of(notice))))));

        DeadLetter read = deadLetters.find(deadLetter.deadLetterId()).orElseThrow();
        assertThat(read.request()).isEqualTo(task.callback());
        assertThat(read.executionId()).isEqualTo(failed.executionId());
        assertThat(read.error()).isEqualTo(failed.error());
        assertThat(outbox.claim("relay", NOW, NOW.plusSeconds(60), 10)).extracting(Claimed::notice).containsExactly(notice);
        outbox.done(notice.noticeId());
    }

    @Test
    void anOutcomeThatCannotBeStoredTakesItsDeadLetterAndNoticeWithIt() {
        Task task = stored(aTask().build());
        ExecutionRecord failed = ExecutionRecords.aFailureOf(task, NOW);
        ExecutionRecord unstorable = new ExecutionRecord(0, "x".repeat(100), task.id(), task.userId(), NOW, NOW, 1,
                failed.httpStatus(), Optional.empty(), 1, failed.outcome(), Optional.empty());
        DeadLetter deadLetter = deadLetterOf(task, failed, NOW);

        assertThatThrownBy(() -> ledger.recordAll(List.of(
                new Completion(failed, Optional.empty(), Optional.of(new FinalFailure(deadLetter, Optional.of(noticeOf(task, failed))))),
                new Completion(unstorable, Optional.empty())))).isInstanceOf(RuntimeException.class);

        assertThat(deadLetters.find(deadLetter.deadLetterId())).isEmpty();
        assertThat(outbox.claim("relay", NOW.plusSeconds(3600), NOW.plusSeconds(3660), 10)).isEmpty();
    }

    @Test
    void concurrentClaimsTakeDisjointNoticesAndAnUnconfirmedOneComesBackWithItsIdAfterTheLease() throws Exception {
        Task task = stored(aTask().build());
        List<FailureNotice> written = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ExecutionRecord failed = ExecutionRecords.aFailureOf(task, NOW);
            FailureNotice notice = noticeOf(task, failed);
            written.add(notice);
            ledger.recordAll(List.of(new Completion(failed, Optional.empty(),
                    Optional.of(new FinalFailure(deadLetterOf(task, failed, NOW), Optional.of(notice))))));
        }
        Instant at = NOW.plusSeconds(1);
        CompletableFuture<List<Claimed>> a = CompletableFuture.supplyAsync(() -> outbox.claim("a", at, at.plusSeconds(30), 25));
        CompletableFuture<List<Claimed>> b = CompletableFuture.supplyAsync(() -> outbox.claim("b", at, at.plusSeconds(30), 25));
        List<FailureNotice> byA = a.get().stream().map(Claimed::notice).toList();
        List<FailureNotice> byB = b.get().stream().map(Claimed::notice).toList();

        assertThat(byA).doesNotContainAnyElementsOf(byB);
        assertThat(byA.size() + byB.size()).isEqualTo(40);
        assertThat(outbox.claim("c", at.plusSeconds(29), at.plusSeconds(60), 100)).as("within the lease").isEmpty();
        byA.forEach(n -> outbox.done(n.noticeId()));
        assertThat(outbox.claim("c", at.plusSeconds(30), at.plusSeconds(60), 100)).extracting(Claimed::notice).as("after the lease, the same notices")
                .containsExactlyInAnyOrderElementsOf(byB);
        byB.forEach(n -> outbox.done(n.noticeId()));
    }

    @Test
    void aNoticeWhoseSendingFailedComesBackWithItsIdWhenDueCountingTheFailedRound() {
        Task task = stored(aTask().build());
        ExecutionRecord failed = ExecutionRecords.aFailureOf(task, NOW);
        FailureNotice notice = noticeOf(task, failed);
        ledger.recordAll(List.of(new Completion(failed, Optional.empty(),
                Optional.of(new FinalFailure(deadLetterOf(task, failed, NOW), Optional.of(notice))))));
        Instant at = NOW.plusSeconds(7200);
        assertThat(claimedOf(notice, outbox.claim("a", at, at.plusSeconds(30), 100))).hasValueSatisfying(c -> assertThat(c.failedRounds()).isZero());

        outbox.retryAt(notice.noticeId(), at.plusSeconds(10));

        assertThat(claimedOf(notice, outbox.claim("b", at.plusSeconds(9), at.plusSeconds(40), 100))).as("before it is due").isEmpty();
        Claimed again = claimedOf(notice, outbox.claim("b", at.plusSeconds(10), at.plusSeconds(40), 100)).orElseThrow();
        assertThat(again.notice()).isEqualTo(notice);
        assertThat(again.failedRounds()).isEqualTo(1);
        assertThat(again.createdAt()).isEqualTo(NOW);
        outbox.done(notice.noticeId());
    }

    @Test
    void twoRedrivesAtOnceTakeADeadLetterOnceUntilTheFirstEndsOrItsLeasePasses() throws Exception {
        Task task = stored(aTask().build());
        ExecutionRecord failed = ExecutionRecords.aFailureOf(task, NOW);
        DeadLetter deadLetter = deadLetterOf(task, failed, NOW);
        ledger.recordAll(List.of(new Completion(failed, Optional.empty(), Optional.of(new FinalFailure(deadLetter, Optional.empty())))));
        String id = deadLetter.deadLetterId();
        Instant until = NOW.plusSeconds(60);

        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> deadLetters.takeForRedrive(id, NOW, until));
        CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> deadLetters.takeForRedrive(id, NOW, until));
        assertThat(List.of(a.get(), b.get())).as("taken once").containsExactlyInAnyOrder(true, false);
        assertThat(deadLetters.takeForRedrive(id, until.minusMillis(1), until.plusSeconds(60))).as("within the lease").isFalse();
        assertThat(deadLetters.takeForRedrive(id, until, until.plusSeconds(60))).as("a crashed redrive's lease passed").isTrue();

        assertThat(deadLetters.update(deadLetter.failedAgain(NOW.plusSeconds(1), 2, failed.httpStatus(), failed.error()))).isTrue();
        assertThat(deadLetters.takeForRedrive(id, NOW, until)).as("free again after a failed redrive").isTrue();
        deadLetters.releaseRedrive(id);
        assertThat(deadLetters.takeForRedrive(id, NOW, until)).as("free again after an aborted one").isTrue();
        assertThat(deadLetters.delete(id)).isTrue();
        assertThat(deadLetters.takeForRedrive(id, NOW, until)).as("gone").isFalse();
    }

    private static Optional<Claimed> claimedOf(FailureNotice notice, List<Claimed> claimed) {
        return claimed.stream().filter(c -> c.notice().noticeId().equals(notice.noticeId())).findFirst();
    }

    @Test
    void aUsersDeadLettersArePagedNewestFirstByCursor() {
        Task task = stored(aTask().user(4242).build());
        for (int i = 0; i < 5; i++) {
            ExecutionRecord failed = ExecutionRecords.aFailureOf(task, NOW);
            ledger.recordAll(List.of(new Completion(failed, Optional.empty(),
                    Optional.of(new FinalFailure(deadLetterOf(task, failed, NOW.plusSeconds(i / 2)), Optional.empty())))));
        }
        List<DeadLetter> first = deadLetters.page(Optional.of(4242L), Optional.empty(), 3, 0);
        List<DeadLetter> rest = deadLetters.page(Optional.of(4242L), Optional.of(DeadLetterCursor.after(first.getLast())), 3, 0);

        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2).doesNotContainAnyElementsOf(first);
        List<DeadLetter> all = new ArrayList<>(first);
        all.addAll(rest);
        assertThat(all).extracting(DeadLetter::failedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(deadLetters.count(4242)).isEqualTo(5);
        assertThat(deadLetters.purgeFailedBefore(NOW.plusSeconds(1), 100)).as("also other tests' dead letters at NOW").isGreaterThanOrEqualTo(2);
        assertThat(deadLetters.count(4242)).isEqualTo(3);
    }

    @Test
    void thePurgeDeletesByAgeAndBeyondTheCapInBoundedBatches() {
        Task task = stored(aTask().build());
        for (int i = 0; i < 7; i++) {
            persistence.executionLog().append(ExecutionRecords.aSuccessOf(task, NOW.plusSeconds(i)));
        }
        assertThat(purging.tasksOver(3, 100)).contains(task.id());
        assertThat(purging.purgeBeyond(task.id(), 3, 2)).as("one batch").isEqualTo(2);
        assertThat(purging.purgeBeyond(task.id(), 3, 2)).isEqualTo(2);
        assertThat(purging.purgeBeyond(task.id(), 3, 2)).isZero();
        List<ExecutionRecord> kept = persistence.executionLog().recent(task.id(), 10, Optional.empty());
        assertThat(kept).extracting(ExecutionRecord::scheduledTime)
                .containsExactly(NOW.plusSeconds(6), NOW.plusSeconds(5), NOW.plusSeconds(4));
        assertThat(purging.tasksOver(3, 100)).doesNotContain(task.id());

        assertThat(purging.purgeCreatedBefore(NOW, 100)).as("created at NOW: not before it").isZero();
        assertThat(purging.purgeCreatedBefore(NOW.plusMillis(1), 100)).isGreaterThanOrEqualTo(3);
        assertThat(persistence.executionLog().recent(task.id(), 10, Optional.empty())).isEmpty();
    }

    private static DeadLetter deadLetterOf(Task task, ExecutionRecord failed, Instant at) {
        return new DeadLetter(UUID.randomUUID().toString(), task.id(), task.userId(), failed.executionId(), failed.scheduledTime(), at,
                failed.attempts(), failed.httpStatus(), failed.error(), task.callback());
    }

    private static FailureNotice noticeOf(Task task, ExecutionRecord failed) {
        return new FailureNotice(UUID.randomUUID().toString(), task.id(), failed.executionId(), failed.scheduledTime(),
                URI.create("https://example.com/failures"), "{\"task_id\":\"" + task.id() + "\"}");
    }

    private static Task stored(Task task) {
        store.insert(task);
        return store.find(task.id()).orElseThrow();
    }
}
