package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.domain.task.Task;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A task created through the API races the refill loop for its first fire (found by the load benchmark). */
class SchedulerEngineCreationTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryExecutionLog log = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(log);
    private final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    private final EngineSettings settings = new EngineSettings(Duration.ofSeconds(5), Duration.ofMillis(200), 100, 1_000,
            Duration.ofMinutes(3), 3, 100, true, Duration.ofSeconds(5));
    private final SchedulerEngine engine = new SchedulerEngine(
            EnginePorts.single(new InMemoryFireLedger(store, log), sender), clock, settings);

    @Test
    void aTaskWhoseFirstFireARefillClaimedBeforeTheApiNoticeStillFires() {
        Task created = aTask().once("2026-04-22T10:00:01Z").build();
        store.insert(created);
        engine.refill();            // the refill thread claims the first fire between the insert and the notice
        engine.scheduled(created);  // the API's notice, with the task as it was inserted
        clock.set(T0.plusSeconds(1));
        engine.advance();
        engine.advance();
        assertThat(sender.calls()).hasSize(1);
    }

    @Test
    void aNoticeOfAStateTheEngineAlreadyHoldsChangesNothing() {
        Task created = aTask().once("2026-04-22T10:00:01Z").build();
        store.insert(created);
        engine.scheduled(created);
        engine.advance(); // the wheel asks the refill thread to claim it at once
        engine.refill();
        Task claimed = store.find(created.id()).orElseThrow();
        engine.scheduled(claimed);
        clock.set(T0.plusSeconds(1));
        engine.advance();
        engine.advance();
        assertThat(sender.calls()).hasSize(1);
        assertThat(sender.last().request().executionId()).isEqualTo(claimed.pendingFire().orElseThrow().executionId());
    }
}
