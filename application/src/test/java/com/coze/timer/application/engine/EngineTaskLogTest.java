package com.coze.timer.application.engine;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.CapturedLog;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryFireLedger;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.application.fakes.ScriptedCallbackSender.Call;
import com.coze.timer.application.fakes.TaskBuilder;
import com.coze.timer.application.task.TaskLog;
import com.coze.timer.domain.task.Task;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine writes a task-log line for every failed execution and for every task it ends, with both ids. */
class EngineTaskLogTest {

    private static final Instant T0 = Instant.parse("2026-04-22T10:00:00Z");
    private static final String SECRET = "s3cr3t-value";

    private final CapturedLog log = CapturedLog.of(TaskLog.LOGGER);
    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryExecutionLog executions = new InMemoryExecutionLog();
    private final InMemoryTaskStore store = new InMemoryTaskStore(executions);
    private final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    private final SchedulerEngine engine = new SchedulerEngine(EnginePorts.single(new InMemoryFireLedger(store, executions), sender), clock, new EngineSettings(Duration.ofSeconds(5), Duration.ofMillis(200), 100, 1_000, Duration.ofMinutes(3), 2,
            100, true, Duration.ofSeconds(5)));

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void reachingMaxCountLogsTheCompletionWithTheExecutionThatEndedIt() throws Exception {
        Task task = stored(aTask().interval(1).maxCount(2));
        fireAndAnswer(1, 200, "{}");
        String last = fireAndAnswer(2, 200, "{}");

        assertThat(log.lines()).containsExactly("task " + task.id() + " completed: max_cnt reached (execution " + last
                + ", executions=2)");
    }

    @Test
    void aResponseFieldStopIsNamedAsSuch() throws Exception {
        Task task = stored(aTask().interval(1).stopWhen("finsh", "true"));
        String execution = fireAndAnswer(1, 200, "{\"finsh\": true}");

        assertThat(log.lines()).containsExactly("task " + task.id() + " completed: stop_condition met by the response (execution "
                + execution + ", executions=1)");
    }

    @Test
    void failedExecutionsAreLoggedAndSoIsTheFailureTheyCause() throws Exception {
        Task task = stored(aTask().interval(1).header("X-Api-Key", SECRET).body("{\"k\": \"" + SECRET + "\"}"));
        String first = fireAndAnswer(1, 503, "{\"secret\": \"" + SECRET + "\"}");
        String second = fireAndAnswer(2, 500, "{}");

        assertThat(log.lines()).containsExactly(
                "task " + task.id() + " execution " + first + ": failed http_status=503 attempts=1 duration_ms=5 error=\"HTTP 503\"",
                "task " + task.id() + " execution " + second + ": failed http_status=500 attempts=1 duration_ms=5 error=\"HTTP 500\"",
                "task " + task.id() + " failed: 2 failures in a row (execution " + second + ", executions=2)");
        assertThat(String.join("\n", log.lines())).doesNotContain(SECRET);
    }

    @Test
    void aOnceTaskEndsWithItsOnlyExecution() throws Exception {
        Task task = stored(aTask().once("2026-04-22T10:00:01Z"));
        String execution = fireAndAnswer(1, 200, "{}");

        assertThat(log.lines()).containsExactly("task " + task.id() + " completed: its only execution succeeded (execution "
                + execution + ", executions=1)");
    }

    @Test
    void aSuccessfulExecutionOfARunningTaskLogsNothing() throws Exception {
        stored(aTask().interval(1));
        fireAndAnswer(1, 200, "{}");
        fireAndAnswer(2, 200, "{}");

        assertThat(log.lines()).isEmpty();
    }

    private Task stored(TaskBuilder builder) {
        Task task = builder.build();
        store.insert(task);
        return task;
    }

    /** Lets the engine fire at T0 + {@code second} and answers that fire; returns its execution id. */
    private String fireAndAnswer(int second, int status, String body) throws InterruptedException {
        clock.set(T0.plusSeconds(second));
        engine.refill();
        engine.advance();
        Call call = sender.last();
        call.respond(status, body, clock.instant());
        engine.advance(); // the outcome reaches the wheel, which hands it to the writer
        engine.recordFinished(0);
        return call.request().executionId();
    }
}
