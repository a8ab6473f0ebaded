package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.FakeSlotOwnership;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.domain.task.Slots;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two engines sharing one store, each firing only what its slot ownership gives it. */
class SchedulerEngineOwnershipTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");
    private static final EngineSettings SETTINGS = new EngineSettings(Duration.ofSeconds(5), Duration.ofMillis(200), 100,
            1_000, Duration.ofMinutes(3), 3, 100, false, Duration.ofSeconds(5));

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final Map<TaskId, String> owners = new ConcurrentHashMap<>();
    private final FakeSlotOwnership ownershipA = new FakeSlotOwnership(Slots.STORED, "a");
    private final FakeSlotOwnership ownershipB = new FakeSlotOwnership(Slots.STORED, "b");
    private final ScriptedCallbackSender senderA = new ScriptedCallbackSender();
    private final ScriptedCallbackSender senderB = new ScriptedCallbackSender();
    private final SchedulerEngine a = engine("a", ownershipA, senderA);
    private final SchedulerEngine b = engine("b", ownershipB, senderB);

    SchedulerEngineOwnershipTest() {
        ownershipA.live(Set.of("a", "b"));
        ownershipB.live(Set.of("a", "b"));
    }

    @Test
    void anEngineFiresOnlyTasksOfItsSlots() {
        Task task = stored(aTask().interval(2).build());
        ownershipA.own(slotsWithout(task));
        ownershipB.own(slotOf(task));
        step(T0.plusSeconds(2));
        assertThat(senderA.calls()).isEmpty();
        assertThat(senderB.calls()).hasSize(1);
    }

    @Test
    void aFireClaimedBeforeItsSlotMovedStillGoesOutOnceAndTheNewOwnerTakesTheNext() throws Exception {
        Task task = stored(aTask().interval(2).build());
        ownershipA.own(slotOf(task));
        step(T0.plusSeconds(1)); // a claims the fire of 10:00:02
        ownershipA.own(new BitSet());
        ownershipB.own(slotOf(task));
        step(T0.plusSeconds(2));
        assertThat(senderA.calls()).hasSize(1);
        assertThat(senderB.calls()).isEmpty();
        senderA.last().respond(200, "{}", clock.instant());
        a.advance(); // the outcome reaches the wheel, which hands it to the writer
        a.recordFinished(0);
        step(T0.plusSeconds(4));
        assertThat(senderB.calls()).singleElement()
                .satisfies(call -> assertThat(call.request().scheduledTime()).isEqualTo(T0.plusSeconds(4)));
        assertThat(senderA.calls()).hasSize(1);
    }

    @Test
    void anEngineUnsureOfItsMembershipFiresNothingAndHandsItsClaimsBack() {
        Task task = stored(aTask().interval(2).build());
        ownershipA.own(slotOf(task));
        step(T0.plusSeconds(1));
        ownershipA.certain(false);
        step(T0.plusSeconds(2));
        a.refill(); // the claims handed back are written by the next refill
        assertThat(senderA.calls()).isEmpty();
        assertThat(store.find(task.id()).orElseThrow().pendingFire()).isEmpty();
    }

    @Test
    void aFireClaimedInASessionThatEndedIsNotSentEvenOnceTheInstanceIsCertainAgain() {
        Task task = stored(aTask().interval(2).build());
        ownershipA.own(slotOf(task));
        step(T0.plusSeconds(1)); // a claims the fire of 10:00:02, then sleeps past its session
        String claimed = store.find(task.id()).orElseThrow().pendingFire().orElseThrow().executionId();
        ownershipA.replaceSession();
        clock.set(T0.plusSeconds(2));
        a.advance();
        assertThat(senderA.calls()).isEmpty();
        a.refill(); // hands the claim back, and claims the fire anew in the new session
        assertThat(store.find(task.id()).orElseThrow().pendingFire().orElseThrow().executionId()).isNotEqualTo(claimed);
    }

    @Test
    void theSenderIsGivenTheFenceOfTheClaim() {
        Task task = stored(aTask().interval(2).build());
        ownershipA.own(slotOf(task));
        step(T0.plusSeconds(2));
        assertThat(senderA.calls()).singleElement().satisfies(call -> assertThat(call.request().fence().holds()).isTrue());
        ownershipA.replaceSession();
        assertThat(senderA.last().request().fence().holds()).as("after the session ended").isFalse();
    }

    @Test
    void aCallFencedOffBeforeAnythingWasSentHandsItsClaimBackAndRecordsNothing() {
        Task task = stored(aTask().interval(2).build());
        ownershipA.own(slotOf(task));
        step(T0.plusSeconds(2));
        String claimed = senderA.last().request().executionId();
        ownershipA.replaceSession(); // while the request waited in the HTTP client
        senderA.last().fencedOff(clock.instant());
        a.advance();
        a.refill();
        assertThat(log.recent(task.id(), 10, java.util.Optional.empty())).as("no execution recorded").isEmpty();
        assertThat(store.find(task.id()).orElseThrow().pendingFire().orElseThrow().executionId()).as("claimed anew")
                .isNotEqualTo(claimed);
    }

    /** b may see a gone before or after a's slot is handed over to it; either way it takes over. */
    @ParameterizedTest(name = "b sees a gone before the handover: {0}")
    @ValueSource(booleans = {false, true})
    void theClaimsOfAnInstanceThatLeftAreTakenOverWithTheSameExecutionId(boolean membersChangeFirst) {
        Task task = stored(aTask().interval(10).build());
        ownershipA.own(slotOf(task));
        ownershipB.own(slotsWithout(task));
        step(T0.plusSeconds(6)); // a claims the fire of 10:00:10, then dies
        String executionId = store.find(task.id()).orElseThrow().pendingFire().orElseThrow().executionId();
        ownershipB.live(Set.of("b"));
        if (membersChangeFirst) {
            clock.set(T0.plusSeconds(7));
            b.refill();
        }
        ownershipB.own(slotOf(task));
        clock.set(T0.plusSeconds(12));
        b.refill();
        b.advance();
        assertThat(senderB.calls()).singleElement()
                .satisfies(call -> assertThat(call.request().executionId()).isEqualTo(executionId));
    }

    @Test
    void aRestartedInstanceFiresTheClaimsItsEarlierRunLeftAtOnceWithTheirExecutionIds() {
        Task task = stored(aTask().interval(10).build());
        ownershipA.own(slotOf(task));
        step(T0.plusSeconds(6)); // a claims the fire of 10:00:10 and stops without handing it back
        String executionId = store.find(task.id()).orElseThrow().pendingFire().orElseThrow().executionId();
        FakeSlotOwnership restartedOwnership = new FakeSlotOwnership(Slots.STORED, "a");
        restartedOwnership.live(Set.of("a", "b"));
        restartedOwnership.own(new BitSet());
        ScriptedCallbackSender restartedSender = new ScriptedCallbackSender();
        SchedulerEngine restarted = engine("a", restartedOwnership, restartedSender);

        clock.set(T0.plusSeconds(7));
        restarted.refill(); // owns no slots yet: the handover delay
        restartedOwnership.own(slotOf(task));
        clock.set(T0.plusSeconds(8));
        restarted.refill();
        clock.set(T0.plusSeconds(10));
        restarted.advance();

        assertThat(restartedSender.calls()).as("not after the 3 min lease").singleElement()
                .satisfies(call -> assertThat(call.request().executionId()).isEqualTo(executionId));
    }

    private SchedulerEngine engine(String name, FakeSlotOwnership ownership, ScriptedCallbackSender sender) {
        EnginePorts ports = EnginePorts.single(new InMemoryFireLedger(store, log, name, owners), sender)
                .withOwnership(ownership);
        return new SchedulerEngine(ports, clock, SETTINGS);
    }

    private void step(Instant at) {
        clock.set(at);
        for (SchedulerEngine engine : new SchedulerEngine[] {a, b}) {
            engine.refill();
            engine.advance();
        }
    }

    private Task stored(Task task) {
        store.insert(task);
        return task;
    }

    private static BitSet slotOf(Task task) {
        BitSet slots = new BitSet();
        slots.set(Slots.of(task.id()));
        return slots;
    }

    private static BitSet slotsWithout(Task task) {
        BitSet slots = new BitSet();
        slots.set(0, Slots.STORED);
        slots.clear(Slots.of(task.id()));
        return slots;
    }
}
