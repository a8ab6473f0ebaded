package com.coze.timer.application.fakes;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.CreateTaskCommand;
import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.OnceSchedule;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskTags;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test data: {@code aTask().ownedBy(1001).interval(20).build()}. Defaults: user 1001, every 20 s,
 * POST to https://api.example.com/execute, no headers, body or stop condition, created at
 * 2026-04-22T10:00:00Z.
 */
public final class TaskBuilder {

    private Optional<java.net.URI> failureCallback = Optional.empty();
    private TaskId id = TaskId.random();
    private long userId = 1001;
    private Schedule schedule = new IntervalSchedule(Duration.ofSeconds(20), Optional.empty());
    private String endpoint = "https://api.example.com/execute";
    private HttpMethod method = HttpMethod.POST;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private Long maxCount;
    private final List<FieldMatch> matches = new ArrayList<>();
    private Instant createdAt = Instant.parse("2026-04-22T10:00:00Z");
    private TaskTags tags = TaskTags.NONE;

    private TaskBuilder() {
    }

    public static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    public TaskBuilder id(TaskId taskId) {
        this.id = taskId;
        return this;
    }

    public TaskBuilder ownedBy(long user) {
        this.userId = user;
        return this;
    }

    public TaskBuilder interval(long seconds) {
        this.schedule = new IntervalSchedule(Duration.ofSeconds(seconds), Optional.empty());
        return this;
    }

    public TaskBuilder once(String at) {
        this.schedule = new OnceSchedule(Optional.of(Instant.parse(at)));
        return this;
    }

    public TaskBuilder cron(String expression, String zone) {
        this.schedule = new CronSchedule(expression, ZoneId.of(zone), Optional.empty());
        return this;
    }

    public TaskBuilder endpoint(String url) {
        this.endpoint = url;
        return this;
    }

    public TaskBuilder method(HttpMethod httpMethod) {
        this.method = httpMethod;
        return this;
    }

    public TaskBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TaskBuilder body(String json) {
        this.body = json;
        return this;
    }

    public TaskBuilder maxCount(long max) {
        this.maxCount = max;
        return this;
    }

    /** Stop when the response carries {@code key} with the value whose canonical JSON is {@code json}. */
    public TaskBuilder stopWhen(String key, String json) {
        matches.add(new FieldMatch(key, json));
        return this;
    }

    public TaskBuilder createdAt(String at) {
        this.createdAt = Instant.parse(at);
        return this;
    }

    public TaskBuilder named(String name) {
        this.tags = tags.withName(Optional.of(name));
        return this;
    }

    public TaskBuilder label(String key, String value) {
        Map<String, String> labels = new LinkedHashMap<>(tags.labels());
        labels.put(key, value);
        this.tags = tags.withLabels(labels);
        return this;
    }

    public Callback callback() {
        return new Callback(URI.create(endpoint), method, headers, Optional.ofNullable(body));
    }

    public StopCondition stopCondition() {
        return new StopCondition(Optional.ofNullable(maxCount), matches);
    }

    /** A new, pending task, as {@code CreateTask} would have made it at {@code createdAt}. */
    public Task build() {
        return Task.create(id, userId, schedule, callback(), stopCondition(), createdAt).withTags(tags, createdAt)
                .withFailureCallback(failureCallback, createdAt);
    }

    /** The command that asks to create this task, made by {@code caller}. */
    public CreateTaskCommand command(Caller caller) {
        return new CreateTaskCommand(caller, userId, schedule, callback(), stopCondition(), tags, com.coze.timer.domain.task.Delivery.Choice.NONE, failureCallback);
    }

    /** Final failures reported to {@code url}. */
    public TaskBuilder failureCallback(String url) {
        failureCallback = Optional.of(java.net.URI.create(url));
        return this;
    }
}
