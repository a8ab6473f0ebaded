package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.application.fakes.ScriptedCallbackSender.Call;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.domain.execution.ExecutionOutcome;
import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchedulerEngineTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    private final EngineSettings settings = new EngineSettings(Duration.ofSeconds(5), Duration.ofMillis(200), 100, 1_000,
            Duration.ofMinutes(3), 3, 100, true, Duration.ofSeconds(5));
    private final Map<TaskId, String> claimOwners = new ConcurrentHashMap<>();
    private int runs;
    private final SchedulerEngine engine = engineOver(store);

    /** An engine over {@code tasks}, claiming as a run of its own, as the embedded service does. */
    private SchedulerEngine engineOver(InMemoryTaskStore tasks) {
        String run = "embedded-" + ++runs;
        EnginePorts ports = EnginePorts.single(new InMemoryFireLedger(tasks, log, run, claimOwners), sender)
                .withOwnership(SlotOwnership.everything(Slots.STORED, run));
        return new SchedulerEngine(ports, clock, settings);
    }

    @Test
    void aTaskFiresAtItsNextRunTimeAndNotBefore() {
        TaskId id = stored(aTask().interval(10).createdAt("2026-04-22T10:00:00Z").build());
        at("2026-04-22T10:00:04Z");
        assertThat(sender.calls()).isEmpty();
        at("2026-04-22T10:00:09.999Z");
        assertThat(sender.calls()).isEmpty();
        at("2026-04-22T10:00:10Z");
        assertThat(sender.calls()).hasSize(1);
        assertThat(sender.last().request().taskId()).isEqualTo(id);
        assertThat(sender.last().request().scheduledTime()).isEqualTo(Instant.parse("2026-04-22T10:00:10Z"));
    }

    @Test
    void anOutcomeIsLoggedCountedAndTheTaskBecomesRunning() throws Exception {
        TaskId id = stored(aTask().interval(10).build());
        at("2026-04-22T10:00:10Z");
        sender.last().respond(200, "OK", clock.instant());
        engine.advance(); // the outcome reaches the wheel, which hands it to the writer
        engine.recordFinished(0);
        Task task = store.find(id).orElseThrow();
        assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.executionCount()).isEqualTo(1);
        assertThat(task.nextRunTime()).contains(Instant.parse("2026-04-22T10:00:20Z"));
        List<ExecutionRecord> records = log.recent(id, 10, Optional.empty());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.executionId()).isEqualTo(sender.last().request().executionId());
            assertThat(r.httpStatus()).hasValue(200);
            assertThat(r.outcome()).isEqualTo(ExecutionOutcome.SUCCESS);
        });
    }

    @Test
    void aTargetThatEchoesTheRequestHasTheTasksSecretHeaderValuesMaskedInTheLog() throws Exception {
        TaskId id = stored(aTask().interval(10).header("Authorization", "Bearer s3cr3t-service-token")
                .header("X-Api-Key", "k/ey\"42").header("X-Trace", "trace-visible").build());
        at("2026-04-22T10:00:10Z");
        String echo = "{\"headers\":{\"Authorization\":\"Bearer s3cr3t-service-token\",\"X-Api-Key\":\"k\\/ey\\\"42\","
                + "\"X-Trace\":\"trace-visible\"},\"raw\":\"token=s3cr3t-service-token\"}";
        sender.last().respond(200, echo, clock.instant());
        engine.advance(); // the outcome reaches the wheel, which hands it to the writer
        engine.recordFinished(0);

        String stored = log.recent(id, 10, Optional.empty()).getFirst().responseBody().orElseThrow();
        assertThat(stored).doesNotContain("s3cr3t-service-token").doesNotContain("ey\\\"42").contains("trace-visible")
                .contains("\"Authorization\":\"******\"").contains("token=******");
    }

    @Test
    void givenMaxCountReached_thenTaskCompletesAndFiresNoMore() throws Exception {
        TaskId id = stored(aTask().interval(1).maxCount(3).build());
        for (int second = 1; second <= 6; second++) {
            at(T0.plusSeconds(second));
            answerAll(200, "{}");
        }
        assertThat(sender.calls()).hasSize(3);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(store.find(id).orElseThrow().executionCount()).isEqualTo(3);
    }

    @Test
    void aResponseCarryingFinshTrueCompletesTheTask() throws Exception {
        TaskId id = stored(aTask().interval(1).stopWhen("finsh", "true").build());
        at(T0.plusSeconds(1));
        answerAll(200, "{\"finsh\": false}");
        at(T0.plusSeconds(2));
        answerAll(200, "{\"finsh\": true, \"other\": 1}");
        at(T0.plusSeconds(3));
        assertThat(sender.calls()).hasSize(2);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void fixedRateDoesNotDriftWhenEachExecutionRunsLate() throws Exception {
        stored(aTask().interval(2).build());
        for (int fire = 1; fire <= 5; fire++) {
            at(T0.plusSeconds(2L * fire));
            clock.advance(Duration.ofMillis(37));
            answerAll(200, "{}");
        }
        assertThat(sender.calls()).extracting(call -> call.request().scheduledTime())
                .containsExactly(T0.plusSeconds(2), T0.plusSeconds(4), T0.plusSeconds(6), T0.plusSeconds(8), T0.plusSeconds(10));
    }

    @Test
    void cancelAbortsTheCallInFlightAndNothingMoreIsSent() throws Exception {
        TaskId id = stored(aTask().interval(1).build());
        at(T0.plusSeconds(1));
        Call call = sender.last();
        store.update(store.find(id).orElseThrow().cancel(clock.instant()).orElseThrow());
        engine.unscheduled(id);
        engine.advance(); // the wheel thread applies the cancel
        assertThat(call.isAborted()).isTrue();
        engine.advance(); // the outcome reaches the wheel, which hands it to the writer
        engine.recordFinished(0);
        at(T0.plusSeconds(5));
        assertThat(sender.calls()).hasSize(1);
        assertThat(log.recent(id, 10, Optional.empty())).singleElement()
                .extracting(ExecutionRecord::outcome).isEqualTo(ExecutionOutcome.ABORTED);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.STOPPED);
    }

    @Test
    void anOverdueTaskFiresOnceThenResumesItsRhythm() throws Exception {
        Task overdue = aTask().interval(10).createdAt("2026-04-22T09:00:00Z").build(); // due 09:00:10, an hour ago
        TaskId id = stored(overdue);
        at(T0.plusMillis(3));
        assertThat(sender.calls()).hasSize(1);
        answerAll(200, "{}");
        assertThat(store.find(id).orElseThrow().nextRunTime()).contains(Instant.parse("2026-04-22T10:00:10Z"));
        at(Instant.parse("2026-04-22T10:00:09Z"));
        assertThat(sender.calls()).hasSize(1);
    }

    @Test
    void aShortDowntimeStillFiresAnOverdueTaskOnceThenResumes() throws Exception {
        // Due at 09:59:57 and 09:59:59 while no engine ran: less late than the threshold, still not replayed.
        TaskId id = stored(aTask().interval(2).createdAt("2026-04-22T09:59:55Z").build());
        at(T0.plusMillis(3));
        answerAll(200, "{}");
        at(T0.plusMillis(900));
        assertThat(sender.calls()).extracting(call -> call.request().scheduledTime())
                .containsExactly(Instant.parse("2026-04-22T09:59:57Z"));
        at(T0.plusSeconds(1));
        assertThat(sender.calls()).extracting(call -> call.request().scheduledTime())
                .containsExactly(Instant.parse("2026-04-22T09:59:57Z"), T0.plusSeconds(1));
        assertThat(store.find(id).orElseThrow().executionCount()).isEqualTo(1);
    }

    @Test
    void aFireTakenOverAfterAShortDowntimeIsNotFollowedByTheOccurrencesThatPassed() throws Exception {
        TaskId id = stored(aTask().interval(2).build());
        at(T0.plusSeconds(1)); // the fire of T0+2 is claimed, then the process dies
        clock.set(T0.plusSeconds(5));
        SchedulerEngine restarted = engineOver(store);
        restarted.refill();
        restarted.advance();
        sender.last().respond(200, "{}", clock.instant());
        restarted.advance(); // the outcome reaches the wheel, which hands it to the writer
        restarted.recordFinished(0);
        clock.set(T0.plusSeconds(6));
        restarted.refill();
        restarted.advance();
        restarted.advance();
        assertThat(sender.calls()).extracting(call -> call.request().scheduledTime())
                .as("T0+4s passed while no engine ran").containsExactly(T0.plusSeconds(2), T0.plusSeconds(6));
        assertThat(store.find(id).orElseThrow().executionCount()).isEqualTo(1);
    }

    @Test
    void aFireThatIsMerelyLateKeepsTheNextOccurrence() throws Exception {
        stored(aTask().interval(1).build());
        at(T0.plusSeconds(1));
        clock.set(T0.plusMillis(2_500)); // the outcome is written after the next occurrence's time
        answerAll(200, "{}");
        assertThat(sender.calls()).extracting(call -> call.request().scheduledTime())
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
    }

    @Test
    void aTaskCreatedInsideTheWindowIsClaimedAtOnceNotAtTheNextRefill() {
        Task task = aTask().once("2026-04-22T10:00:01Z").build();
        store.insert(task);
        java.util.concurrent.atomic.AtomicInteger refillsAsked = new java.util.concurrent.atomic.AtomicInteger();
        engine.wheel().onClaimWanted(refillsAsked::incrementAndGet);
        engine.scheduled(store.find(task.id()).orElseThrow());
        engine.advance();
        assertThat(refillsAsked).hasValue(1);
        engine.refill(); // the refill the wheel asked for
        clock.set(T0.plusSeconds(1));
        engine.advance();
        engine.advance();
        assertThat(sender.calls()).hasSize(1);
    }

    @Test
    void aOnceTaskCompletesOnSuccessAndFailsOtherwise() throws Exception {
        TaskId good = stored(aTask().once("2026-04-22T10:00:01Z").build());
        TaskId bad = stored(aTask().once("2026-04-22T10:00:01Z").build());
        at(T0.plusSeconds(1));
        for (Call call : sender.calls()) {
            call.respond(call.request().taskId().equals(good) ? 200 : 404, "", clock.instant());
        }
        engine.advance(); // the outcome reaches the wheel, which hands it to the writer
        engine.recordFinished(0);
        assertThat(store.find(good).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(store.find(bad).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aRecurringTaskFailsAfterTooManyFailuresInARow() throws Exception {
        TaskId id = stored(aTask().interval(1).build());
        for (int second = 1; second <= 5; second++) {
            at(T0.plusSeconds(second));
            answerAll(500, "boom");
        }
        assertThat(sender.calls()).hasSize(3);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aFireClaimedBeforeACrashIsRepeatedWithTheSameExecutionIdAfterARestart() {
        TaskId id = stored(aTask().interval(10).build());
        at(T0.plusSeconds(6)); // claimed, on the wheel, then the process dies
        String executionId = store.find(id).orElseThrow().pendingFire().orElseThrow().executionId();
        SchedulerEngine restarted = engineOver(store);
        clock.set(T0.plusSeconds(30));
        restarted.refill();
        restarted.advance();
        assertThat(sender.calls()).singleElement().satisfies(call -> {
            assertThat(call.request().executionId()).isEqualTo(executionId);
            assertThat(call.request().scheduledTime()).isEqualTo(T0.plusSeconds(10));
        });
    }

    @Test
    void everyClaimACrashLeftIsTakenOverAtOnceEvenBeyondOneClaimBatch() {
        for (int i = 0; i < 250; i++) {
            stored(aTask().interval(10).build());
        }
        clock.set(T0.plusSeconds(6));
        for (int refill = 0; refill < 3; refill++) {
            engine.refill(); // 100 claims per refill: all 250 are claimed, then the process dies
        }
        Set<String> claimed = store.all().stream().map(task -> task.pendingFire().orElseThrow().executionId())
                .collect(Collectors.toSet());
        SchedulerEngine restarted = engineOver(store);
        clock.set(T0.plusSeconds(30)); // long before the leases run out
        for (int refill = 0; refill < 3; refill++) {
            restarted.refill();
        }
        restarted.advance();
        assertThat(sender.calls()).extracting(call -> call.request().executionId()).containsExactlyInAnyOrderElementsOf(claimed);
    }

    @Test
    void memoryHoldsOnlyFiresInsideTheWindow() {
        for (int i = 0; i < 200; i++) {
            stored(aTask().interval(3_600).build());
        }
        at(T0.plusSeconds(1));
        assertThat(engine.trackedFires()).isZero();
        assertThat(engine.wheelSize()).isZero();
    }

    @Test
    void aChangeWhileACallIsInFlightIsStillCounted() throws Exception {
        TaskId id = stored(aTask().interval(1).build());
        at(T0.plusSeconds(1));
        Task current = store.find(id).orElseThrow();
        store.update(current.modify(current.callback(), current.schedule(), current.stopCondition(), clock.instant()).orElseThrow());
        answerAll(200, "{}");
        assertThat(store.find(id).orElseThrow().executionCount()).isEqualTo(1);
    }

    private TaskId stored(Task task) {
        store.insert(task);
        return task.id();
    }

    private void at(String instant) {
        at(Instant.parse(instant));
    }

    /** Moves the clock and lets the engine do what its threads would: refill, then advance the wheel. */
    private void at(Instant instant) {
        clock.set(instant);
        engine.refill();
        engine.advance();
    }

    private void answerAll(int status, String body) throws InterruptedException {
        for (Call call : sender.calls()) {
            if (!call.result().isDone()) {
                call.respond(status, body, clock.instant());
            }
        }
        engine.advance(); // the outcome reaches the wheel, which hands it to the writer
        engine.recordFinished(0);
        engine.advance();
    }
}
