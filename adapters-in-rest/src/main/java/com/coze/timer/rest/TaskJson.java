package com.coze.timer.rest;

import static com.coze.timer.application.json.Jsons.JSON;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.json.CanonicalJson;
import com.coze.timer.application.listing.TaskSummary;
import com.coze.timer.application.port.in.ControlTask;
import com.coze.timer.application.port.in.RunningCount;
import com.coze.timer.application.port.in.TaskPage;
import com.coze.timer.application.port.in.TaskView;
import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.OnceSchedule;
import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskTags;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;

/**
 * Tasks as the API shows them. Secret header values are masked ({@code Bearer ******}); the body
 * and the stop condition are shown as the JSON they were given as.
 */
final class TaskJson {

    private static final String SIGNING_SECRET = "signing_secret";

    private TaskJson() {
    }

    /**
     * The answer to a create: {@code {"status":"success","task_id":…,"next_run_time":…,"signing_secret":…}},
     * the only answer besides a rotation's that shows the signing secret.
     */
    static JsonObject created(Task task) {
        return JSON.createObjectBuilder()
                .add("status", "success")
                .add("task_id", task.id().toString())
                .add("next_run_time", time(task.nextRunTime()))
                .add(SIGNING_SECRET, signingSecret(task))
                .build();
    }

    /** The answer to a rotation: {@code {"status":"success","task_id":…,"signing_secret":…}}. */
    static JsonObject rotated(Task task) {
        return JSON.createObjectBuilder()
                .add("status", "success")
                .add("task_id", task.id().toString())
                .add(SIGNING_SECRET, signingSecret(task))
                .build();
    }

    private static JsonValue signingSecret(Task task) {
        return task.callback().signing().current().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL);
    }

    /** The answer to a resume: {@code {"status":"success","message":…,"next_run_time":…}}. */
    static JsonObject resumed(Task task) {
        return JSON.createObjectBuilder()
                .add("status", "success")
                .add("message", "Task resumed successfully")
                .add("next_run_time", time(task.nextRunTime()))
                .build();
    }

    /** The answer to a run: {@code {"status":"success","execution_id":…,"message":"Task run triggered"}}. */
    static JsonObject runTriggered(ControlTask.RunTriggered run) {
        return JSON.createObjectBuilder()
                .add("status", "success")
                .add("execution_id", run.executionId())
                .add("message", "Task run triggered")
                .build();
    }

    /** One task in full, with its latest execution. */
    static JsonObject task(TaskView view) {
        Task task = view.task();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("task_id", task.id().toString())
                .add("user_id", task.userId())
                .add("type", task.schedule().type().wire())
                .add("status", task.status().wire())
                .add("http_endpoint", task.callback().endpoint().toString())
                .add("method", task.callback().method().name())
                .add("name", name(task.tags()))
                .add("labels", labels(task.tags()))
                .add("failure_callback_url", task.failureCallback().<JsonValue>map(url -> JSON.createValue(url.toString()))
                        .orElse(JsonValue.NULL))
                .add("headers", headers(task))
                .add("body", task.callback().body().map(TaskJson::json).orElse(JsonValue.NULL));
        delivery(task.callback().delivery(), json);
        schedule(task, json);
        return json.add("start_time", time(task.schedule().startTime()))
                .add("stop_condition", stopCondition(task.stopCondition()))
                .add("execution_count", task.executionCount())
                .add("last_execution", view.lastExecution().<JsonValue>map(ExecutionJson::lastExecution).orElse(JsonValue.NULL))
                .add("next_run_time", time(view.nextFire()))
                .add("skipped_count", view.skips().count())
                .add("last_skip_reason", view.skips().lastReason().<JsonValue>map(reason -> JSON.createValue(reason.wire()))
                        .orElse(JsonValue.NULL))
                .add("last_skip_time", time(view.skips().lastTime()))
                .add("created_at", Times.format(task.createdAt()))
                .add("updated_at", Times.format(task.updatedAt()))
                .build();
    }

    /** One line of a listing, with the outcome of its latest execution (its response body left out). */
    static JsonObject summary(TaskSummary task, Optional<Instant> nextFire) {
        return JSON.createObjectBuilder()
                .add("task_id", task.id().toString())
                .add("user_id", task.userId())
                .add("type", task.type().wire())
                .add("status", task.status().wire())
                .add("http_endpoint", task.endpoint())
                .add("method", task.method().name())
                .add("name", name(task.tags()))
                .add("labels", labels(task.tags()))
                .add("execution_count", task.executionCount())
                .add("last_execution", task.lastExecution().<JsonValue>map(ExecutionJson::lastResult).orElse(JsonValue.NULL))
                .add("next_run_time", time(nextFire))
                .add("created_at", Times.format(task.createdAt()))
                .add("updated_at", Times.format(task.updatedAt()))
                .build();
    }

    /** {@code {"tasks":[…],"total":…,"limit":…,"offset":…,"next_cursor":…}} ({@code null} on the last page). */
    static JsonObject page(TaskPage page) {
        JsonArrayBuilder tasks = JSON.createArrayBuilder();
        page.tasks().forEach(task -> tasks.add(summary(task, page.nextFire(task))));
        return JSON.createObjectBuilder()
                .add("tasks", tasks)
                .add("total", page.total())
                .add("limit", page.request().limit())
                .add("offset", page.request().offset())
                .add("next_cursor", page.next().<JsonValue>map(next -> JSON.createValue(Cursors.format(next))).orElse(JsonValue.NULL))
                .build();
    }

    /** {@code {"user_id":…,"running_tasks":…,"last_updated":…}}. */
    static JsonObject runningCount(RunningCount count) {
        return JSON.createObjectBuilder()
                .add("user_id", count.userId())
                .add("running_tasks", count.runningTasks())
                .add("last_updated", Times.format(count.lastUpdated()))
                .build();
    }

    /** Who a token acts for: {@code {"user_id":1001,"admin":false}}. */
    static JsonObject caller(Caller caller) {
        return JSON.createObjectBuilder().add("user_id", caller.userId()).add("admin", caller.admin()).build();
    }

    /** The stop condition as the user gave it: {@code {"max_cnt":300,"finsh":true}}, or null. */
    static JsonValue stopCondition(StopCondition stop) {
        if (stop.isEmpty()) {
            return JsonValue.NULL;
        }
        JsonObjectBuilder json = JSON.createObjectBuilder();
        stop.maxCount().ifPresent(max -> json.add(StopCondition.MAX_COUNT_KEY, max));
        for (FieldMatch match : stop.fieldMatches()) {
            json.add(match.key(), json(match.expectedJson()));
        }
        return json.build();
    }

    private static JsonValue name(TaskTags tags) {
        return tags.name().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL);
    }

    private static JsonObject labels(TaskTags tags) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        tags.labels().forEach(json::add);
        return json.build();
    }

    private static JsonObject headers(Task task) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        task.callback().maskedHeaders().forEach(json::add);
        return json.build();
    }

    /** {@code "retry":{…},"timeout_ms":…}; both null for a task that follows the service's settings. */
    private static void delivery(Optional<Delivery> delivery, JsonObjectBuilder json) {
        json.add("retry", delivery.<JsonValue>map(d -> JSON.createObjectBuilder().add("max_retries", d.maxRetries())
                        .add("backoff_ms", d.backoffMs()).add("max_backoff_ms", d.maxBackoffMs()).build())
                .orElse(JsonValue.NULL));
        json.add("timeout_ms", delivery.<JsonValue>map(d -> JSON.createValue(d.timeoutMs())).orElse(JsonValue.NULL));
    }

    private static void schedule(Task task, JsonObjectBuilder json) {
        switch (task.schedule()) {
            case IntervalSchedule interval -> json.add("interval_seconds", interval.interval().toSeconds());
            case CronSchedule cron -> json.add("cron_expression", cron.expression()).add("time_zone", cron.zone().getId());
            case OnceSchedule once -> {
            }
        }
    }

    /** Stored JSON text as a JSON value (text that somehow is not JSON is shown as a string). */
    private static JsonValue json(String text) {
        return CanonicalJson.parse(text).orElseGet(() -> JSON.createValue(text));
    }

    static JsonValue time(Optional<Instant> instant) {
        return instant.<JsonValue>map(at -> JSON.createValue(Times.format(at))).orElse(JsonValue.NULL);
    }
}
