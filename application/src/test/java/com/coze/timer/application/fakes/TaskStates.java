package com.coze.timer.application.fakes;

import com.coze.timer.domain.stop.ResponseDocument;
import com.coze.timer.domain.stop.StopPolicy;
import com.coze.timer.domain.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Moves test tasks through their lifecycle the way the engine does, one call per step. */
public final class TaskStates {

    private static final int MAX_CONSECUTIVE_FAILURES = 5;

    private TaskStates() {
    }

    /** The task with its next occurrence claimed for firing at {@code now}, leased for a minute. */
    public static Task claimed(Task task, Instant now) {
        return task.claimNextFire(UUID.randomUUID().toString(), now.plus(Duration.ofMinutes(1)), now).orElseThrow();
    }

    /** The task after its next occurrence fired at {@code now} and got a 2xx without a JSON body. */
    public static Task firedOnce(Task task, Instant now) {
        Task claimed = claimed(task, now);
        String executionId = claimed.pendingFire().orElseThrow().executionId();
        return claimed.recordExecution(executionId, true, new StopPolicy.ExecutionFacts(0, true, ResponseDocument.EMPTY),
                MAX_CONSECUTIVE_FAILURES, now).orElseThrow();
    }

    /** The task stopped by its owner at {@code now}. */
    public static Task stopped(Task task, Instant now) {
        return task.cancel(now).orElseThrow();
    }
}
