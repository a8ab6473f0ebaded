package com.coze.timer.persistence;

import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.OnceSchedule;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.PendingFire;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import com.coze.timer.domain.task.TaskStatus;
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

/** Test tasks: {@code aTask().interval(20).build()}; every field has a plain default. */
final class TaskBuilder {

    static final Instant CREATED = Instant.parse("2026-04-22T09:59:00.123Z");

    private TaskId id = TaskId.random();
    private long userId = 1001;
    private Schedule schedule = new IntervalSchedule(Duration.ofSeconds(20), Optional.empty());
    private URI endpoint = URI.create("https://api.example.com/execute");
    private HttpMethod method = HttpMethod.POST;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<String> body = Optional.empty();
    private Optional<Long> maxCount = Optional.empty();
    private final List<FieldMatch> stopFields = new ArrayList<>();
    private TaskStatus status = TaskStatus.PENDING;
    private long executionCount;
    private Optional<Instant> nextRunTime = Optional.of(CREATED.plusSeconds(20));
    private Instant createdAt = CREATED;
    private Optional<PendingFire> pendingFire = Optional.empty();

    private TaskBuilder() {
    }

    static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    TaskBuilder user(long user) {
        this.userId = user;
        return this;
    }

    TaskBuilder interval(long seconds) {
        return schedule(new IntervalSchedule(Duration.ofSeconds(seconds), Optional.empty()));
    }

    TaskBuilder once(Instant at) {
        return schedule(new OnceSchedule(Optional.of(at)));
    }

    TaskBuilder nextRunTime(Instant at) {
        nextRunTime = Optional.of(at);
        return this;
    }

    TaskBuilder cron(String expression, String zone) {
        return schedule(new CronSchedule(expression, ZoneId.of(zone), Optional.empty()));
    }

    TaskBuilder schedule(Schedule newSchedule) {
        this.schedule = newSchedule;
        return this;
    }

    TaskBuilder method(HttpMethod newMethod) {
        this.method = newMethod;
        return this;
    }

    TaskBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    TaskBuilder body(String json) {
        this.body = Optional.of(json);
        return this;
    }

    TaskBuilder maxCount(long max) {
        this.maxCount = Optional.of(max);
        return this;
    }

    /** Stops when the response has {@code key} equal to {@code canonicalJson}. */
    TaskBuilder stopWhen(String key, String canonicalJson) {
        stopFields.add(new FieldMatch(key, canonicalJson));
        return this;
    }

    /** A final status also clears the next run time, as the domain requires. */
    TaskBuilder status(TaskStatus newStatus) {
        this.status = newStatus;
        if (newStatus.isFinal()) {
            nextRunTime = Optional.empty();
        }
        return this;
    }

    TaskBuilder executionCount(long count) {
        this.executionCount = count;
        return this;
    }

    TaskBuilder createdAt(Instant at) {
        this.createdAt = at;
        return this;
    }

    private TaskTags tags = TaskTags.NONE;

    TaskBuilder pendingFire(String executionId, Instant scheduled, Instant leaseUntil) {
        this.pendingFire = Optional.of(new PendingFire(executionId, scheduled, leaseUntil));
        return this;
    }

    TaskBuilder tags(String name, Map<String, String> labels) {
        this.tags = new TaskTags(Optional.ofNullable(name), labels);
        return this;
    }

    Task build() {
        return new Task(id, userId, schedule, new Callback(endpoint, method, headers, body),
                new StopCondition(maxCount, stopFields), status, executionCount, 0, nextRunTime, createdAt, createdAt, 0,
                pendingFire, tags, Optional.empty());
    }
}
