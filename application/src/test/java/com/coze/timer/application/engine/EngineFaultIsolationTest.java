package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.application.fakes.ScriptedCallbackSender.Call;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.application.port.out.StorageUnavailable;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What one fire cannot do to the others: a poisoned response, an unsendable request, an unwritable outcome. */
class EngineFaultIsolationTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    private final EngineSettings settings = new EngineSettings(Duration.ofSeconds(5), Duration.ofMillis(200), 100, 1_000,
            Duration.ofMinutes(3), 3, 100, true, Duration.ofSeconds(5));
    private final AtomicInteger isolated = new AtomicInteger();
    private TaskId poisoned;

    @Test
    void aResponseTooDeepToEvaluateFailsThatExecutionWithTheReasonAndTheRestOfTheBatchLands() throws Exception {
        SchedulerEngine engine = engine(new InMemoryFireLedger(store, log));
        TaskId deep = stored(aTask().interval(1).stopWhen("finsh", "true").build());
        TaskId plain = stored(aTask().interval(1).stopWhen("finsh", "true").build());
        step(engine, T0.plusSeconds(1));
        String tooDeep = "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500);
        for (Call call : sender.calls()) {
            call.respond(200, call.request().taskId().equals(deep) ? tooDeep : "{\"finsh\":false}", clock.instant());
        }
        engine.advance();
        engine.recordFinished(0); // one batch of both

        assertThat(only(deep)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(ExecutionOutcome.FAILURE);
            assertThat(record.error()).hasValueSatisfying(error -> assertThat(error).contains("nested deeper than"));
        });
        assertThat(only(plain).outcome()).isEqualTo(ExecutionOutcome.SUCCESS);
        Task afterwards = store.find(deep).orElseThrow();
        assertThat(afterwards.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(afterwards.consecutiveFailures()).isEqualTo(1);
        step(engine, T0.plusSeconds(2));
        assertThat(sender.calls()).as("both go on firing").hasSize(4);
    }

    @Test
    void aFireThatCannotBeSentIsRecordedFailedAndTheWheelGoesOn() throws Exception {
        SchedulerEngine engine = engine(new InMemoryFireLedger(store, log));
        TaskId refused = stored(aTask().interval(1).build());
        TaskId other = stored(aTask().interval(1).build());
        sender.cannotSend(refused);

        step(engine, T0.plusSeconds(1));
        engine.advance();
        engine.recordFinished(0);

        assertThat(only(refused)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(ExecutionOutcome.FAILURE);
            assertThat(record.error()).hasValueSatisfying(error -> assertThat(error).contains("could not be sent"));
        });
        assertThat(sender.calls()).singleElement().satisfies(call -> assertThat(call.request().taskId()).isEqualTo(other));
        for (int second = 2; second <= 4; second++) {
            step(engine, T0.plusSeconds(second));
            engine.advance();
            engine.recordFinished(0);
        }
        assertThat(store.find(refused).orElseThrow().status()).as("it fails by its policy, 3 in a row").isEqualTo(TaskStatus.FAILED);
        engine.advance();
        assertThat(engine.trackedFires()).as("no fire of it is left behind; the other's call is in flight").isEqualTo(1);
    }

    @Test
    void anOutcomeStorageRefusesIsRecordedAloneAsFailedAndTheRestOfTheBatchLands() throws Exception {
        SchedulerEngine engine = engine(new RefusingLedger());
        TaskId refused = stored(aTask().interval(1).build());
        TaskId other = stored(aTask().interval(1).build());
        poisoned = refused;
        step(engine, T0.plusSeconds(1));
        sender.calls().forEach(call -> call.respond(200, "{}", clock.instant()));
        engine.advance();
        engine.recordFinished(0);

        assertThat(only(other).outcome()).isEqualTo(ExecutionOutcome.SUCCESS);
        assertThat(only(refused)).satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(ExecutionOutcome.FAILURE);
            assertThat(record.error()).contains("the outcome could not be stored as it was");
        });
        assertThat(isolated).hasValue(1);
        engine.advance();
        step(engine, T0.plusSeconds(2));
        assertThat(sender.calls()).as("both fire again").hasSize(4);
    }

    @Test
    void anOutcomeWrittenWhileStorageIsUnreachableWaitsAndIsStoredAsItWasOnceStorageIsBack() throws Exception {
        UnreachableLedger ledger = new UnreachableLedger();
        SchedulerEngine engine = engine(ledger);
        TaskId first = stored(aTask().interval(1).build());
        TaskId second = stored(aTask().interval(1).build());
        step(engine, T0.plusSeconds(1));
        sender.calls().forEach(call -> call.respond(200, "{}", clock.instant()));
        engine.advance();
        ledger.down = true;

        List<FireWheel.Finished> batch = engine.writer().take(0);
        assertThat(batch).hasSize(2);
        assertThatThrownBy(() -> engine.writer().write(batch)).isInstanceOf(StorageUnavailable.class);
        assertThat(batch).as("kept for the retry").hasSize(2);
        assertThat(log.recent(first, 10, Optional.empty())).as("nothing recorded as failed for an outage").isEmpty();
        assertThat(isolated).hasValue(0);

        ledger.down = false;
        engine.writer().write(batch);
        assertThat(only(first).outcome()).isEqualTo(ExecutionOutcome.SUCCESS);
        assertThat(only(second).outcome()).isEqualTo(ExecutionOutcome.SUCCESS);
        assertThat(batch).as("every fire of the batch settled").isEmpty();
    }

    @Test
    void aClaimStoredWhoseAnswerWasLostFiresWithItsExecutionIdOnceStorageIsBackNotAfterItsLease() {
        UnreachableLedger ledger = new UnreachableLedger();
        SchedulerEngine engine = engine(ledger);
        TaskId task = stored(aTask().interval(1).build());
        ledger.answersLost = true; // the database dies during the commit, after storing it
        clock.set(T0.plusMillis(500));
        assertThatThrownBy(engine::refill).isInstanceOf(StorageUnavailable.class);
        String claimed = store.find(task).orElseThrow().pendingFire().orElseThrow().executionId();

        ledger.answersLost = false;
        step(engine, T0.plusSeconds(1));
        assertThat(sender.calls()).singleElement().satisfies(call -> assertThat(call.request().executionId()).isEqualTo(claimed));
    }

    @Test
    void aNextClaimStoredWithAnOutcomeWhoseAnswerWasLostFiresWithoutWaitingForItsLease() throws Exception {
        UnreachableLedger ledger = new UnreachableLedger();
        SchedulerEngine engine = engine(ledger);
        TaskId task = stored(aTask().interval(1).build());
        step(engine, T0.plusSeconds(1));
        sender.last().respond(200, "{}", clock.instant());
        engine.advance();
        ledger.answersLost = true;
        List<FireWheel.Finished> batch = engine.writer().take(0);
        assertThatThrownBy(() -> engine.writer().write(batch)).isInstanceOf(StorageUnavailable.class);
        String next = store.find(task).orElseThrow().pendingFire().orElseThrow().executionId();

        ledger.answersLost = false;
        engine.writer().write(batch); // the retry finds the task changed: a lost race
        engine.advance();
        step(engine, T0.plusSeconds(2));
        assertThat(sender.calls()).hasSize(2);
        assertThat(sender.last().request().executionId()).as("the next claim stored with the lost answer").isEqualTo(next);
    }

    /** Storage that cannot be reached while {@code down}, or that stores writes but loses their answers while {@code answersLost}. */
    private final class UnreachableLedger extends InMemoryFireLedger {
        volatile boolean down;
        volatile boolean answersLost;

        UnreachableLedger() {
            super(store, log);
        }

        @Override
        public List<Optional<Task>> recordAll(List<Completion> completions) {
            if (down) {
                throw lost("recording outcomes");
            }
            List<Optional<Task>> stored = super.recordAll(completions);
            if (answersLost) {
                throw lost("recording outcomes");
            }
            return stored;
        }

        @Override
        public List<Optional<Task>> writeAll(List<Task> tasks) {
            List<Optional<Task>> stored = super.writeAll(tasks);
            if (answersLost) {
                throw lost("writing claims");
            }
            return stored;
        }

        private static StorageUnavailable lost(String what) {
            return new StorageUnavailable("database failure while " + what + ": Communications link failure", null);
        }
    }

    /** Storage that refuses, as a poisoned row would, every successful outcome of the poisoned task. */
    private final class RefusingLedger extends InMemoryFireLedger {

        RefusingLedger() {
            super(store, log);
        }

        @Override
        public List<Optional<Task>> recordAll(List<Completion> completions) {
            if (completions.stream().anyMatch(c -> c.record().taskId().equals(poisoned) && c.record().error().isEmpty())) {
                throw new IllegalStateException("Data truncation: Incorrect string value for column 'response_body'");
            }
            return super.recordAll(completions);
        }
    }

    private SchedulerEngine engine(FireLedger ledger) {
        FireMetrics counting = new FireMetrics() {
            @Override
            public void outcomeIsolated() {
                isolated.incrementAndGet();
            }
        };
        return new SchedulerEngine(EnginePorts.single(ledger, sender).withMetrics(counting), clock, settings);
    }

    private ExecutionRecord only(TaskId id) {
        return log.recent(id, 10, Optional.empty()).getFirst();
    }

    private TaskId stored(Task task) {
        store.insert(task);
        return task.id();
    }

    private void step(SchedulerEngine engine, Instant at) {
        clock.set(at);
        engine.refill();
        engine.advance();
    }
}
