package com.coze.timer.application.task;

import com.coze.timer.domain.execution.ExecutionRecord;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The task log: one line for every change of a task's state — created, modified, cancelled,
 * deleted, completed, failed — and for every failed execution, in the form
 *
 * <pre>
 * task 550e8400-… created: user=1001 type=interval next_run_time=2026-04-22T10:00:20Z
 * task 550e8400-… execution 7b3c…: failed http_status=503 attempts=4 error="HTTP 503 after 4 attempts"
 * task 550e8400-… completed: max_cnt reached (execution 7b3c…)
 * </pre>
 *
 * Lines carry ids, statuses, counts, times and the short error texts of the execution log only:
 * never a callback's URL, headers or body, nor a response body, any of which may hold secrets. All
 * lines go to the {@value #LOGGER} logger (java.util.logging) at INFO — a failing callback is the
 * user's business, not a fault of the service — so that they can be routed or silenced as one.
 */
public final class TaskLog {

    /** The logger every line goes to. */
    public static final String LOGGER = "com.coze.timer.tasks";

    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final int MAX_ERROR_CHARS = 200;

    private TaskLog() {
    }

    public static void created(Task task) {
        log(() -> "task " + task.id() + " created: user=" + task.userId() + " type=" + task.schedule().type().wire()
                + " next_run_time=" + time(task.nextRunTime()));
    }

    public static void modified(Task task) {
        log(() -> "task " + task.id() + " modified: user=" + task.userId() + " status=" + task.status().wire()
                + " type=" + task.schedule().type().wire() + " next_run_time=" + time(task.nextRunTime()));
    }

    public static void signingSecretRotated(Task task) {
        log(() -> "task " + task.id() + " signing secret rotated: user=" + task.userId());
    }

    public static void cancelled(Task task) {
        log(() -> "task " + task.id() + " cancelled: user=" + task.userId() + " executions=" + task.executionCount());
    }

    /** A user's control move: {@code what} happened (paused, resumed, a run triggered). */
    public static void controlled(Task task, String what) {
        log(() -> "task " + task.id() + " " + what + ": user=" + task.userId() + " status=" + task.status().wire()
                + " executions=" + task.executionCount());
    }

    public static void deleted(Task task) {
        log(() -> "task " + task.id() + " deleted: user=" + task.userId() + " status=" + task.status().wire()
                + " executions=" + task.executionCount());
    }

    /** The execution {@code executionId} ended the task (it is now completed or failed), for {@code reason}. */
    public static void ended(Task task, String executionId, String reason) {
        log(() -> "task " + task.id() + " " + task.status().wire() + ": " + reason + " (execution " + executionId
                + ", executions=" + task.executionCount() + ")");
    }

    /** An execution that got no 2xx response after all its attempts. */
    public static void executionFailed(ExecutionRecord execution) {
        TaskId id = execution.taskId();
        log(() -> "task " + id + " execution " + execution.executionId() + ": failed http_status="
                + (execution.httpStatus().isPresent() ? String.valueOf(execution.httpStatus().getAsInt()) : "none")
                + " attempts=" + execution.attempts() + " duration_ms=" + execution.durationMs()
                + " error=\"" + oneLine(execution.error().orElse("")) + "\"");
    }

    private static void log(Supplier<String> line) {
        if (LOG.isLoggable(Level.INFO)) {
            LOG.info(line);
        }
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse("none");
    }

    /** Keeps a line one line: no line breaks or quotes from an exception's text, and not too long. */
    static String oneLine(String text) {
        String flat = text.replaceAll("[\\r\\n\\t]+", " ").replace('"', '\'');
        return flat.length() <= MAX_ERROR_CHARS ? flat : flat.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
