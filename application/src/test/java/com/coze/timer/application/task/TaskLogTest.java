package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.application.fakes.TaskPatchBuilder.aPatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.CapturedLog;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.RecordingScheduleChanges;
import com.coze.timer.application.fakes.TaskBuilder;
import com.coze.timer.domain.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The use cases write one task-log line per change, naming the task, and no secret. */
class TaskLogTest {

    private static final Caller OWNER = new Caller(1001, false);
    static final String SECRET = "s3cr3t-value";

    private final CapturedLog log = CapturedLog.of(TaskLog.LOGGER);
    private final ManualClock clock = ManualClock.at("2026-04-22T10:00:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingScheduleChanges changes = new RecordingScheduleChanges();

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void createModifyCancelAndDeleteEachWriteOneLineNamingTheTask() {
        Task task = new CreateTaskService(store, store, changes, TaskPolicy.DEFAULT, clock)
                .create(secretTask().command(OWNER)).orElseThrow();
        String id = task.id().toString();
        new ModifyTaskService(store, changes, TaskPolicy.DEFAULT, clock)
                .modify(OWNER, id, aPatch().intervalSeconds(60).body("{\"password\": \"" + SECRET + "\"}").build()).orElseThrow();
        new CancelTaskService(store, changes, clock).cancel(OWNER, id).orElseThrow();
        new DeleteTaskService(store, changes).delete(OWNER, id).orElseThrow();

        assertThat(log.lines()).containsExactly(
                "task " + id + " created: user=1001 type=interval next_run_time=2026-04-22T10:00:20Z",
                "task " + id + " modified: user=1001 status=pending type=interval next_run_time=2026-04-22T10:01:00Z",
                "task " + id + " cancelled: user=1001 executions=0",
                "task " + id + " deleted: user=1001 status=stopped executions=0");
        assertThat(String.join("\n", log.lines())).doesNotContain(SECRET, "api.example.com");
    }

    @Test
    void aRefusedChangeWritesNothing() {
        String id = store.put(aTask().build()).id().toString();
        CancelTaskService cancel = new CancelTaskService(store, changes, clock);
        cancel.cancel(OWNER, id).orElseThrow();

        assertThat(cancel.cancel(OWNER, id).isOk()).as("already stopped").isFalse();
        assertThat(cancel.cancel(new Caller(2002, false), id).isOk()).as("another user's").isFalse();
        assertThat(log.lines()).hasSize(1);
    }

    @Test
    void anErrorTextIsKeptOnOneShortLine() {
        assertThat(TaskLog.oneLine("first\nsecond \"quoted\"")).isEqualTo("first second 'quoted'");
        assertThat(TaskLog.oneLine("x".repeat(500))).hasSize(201);
    }

    static TaskBuilder secretTask() {
        return aTask().interval(20).endpoint("https://api.example.com/hook?token=" + SECRET)
                .header("Authorization", "Bearer " + SECRET).body("{\"key\": \"" + SECRET + "\"}");
    }
}
