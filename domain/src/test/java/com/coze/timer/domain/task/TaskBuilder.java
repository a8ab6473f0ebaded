package com.coze.timer.domain.task;

import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.OnceSchedule;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.stop.FieldMatch;
import com.coze.timer.domain.stop.StopCondition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Test data: {@code aTask().interval(20).maxCount(3).build()}. Defaults to a pending interval task
 * of 20 s, created at {@link #CREATED_AT}, with no stop condition and no fire claimed; the next run
 * time follows from the schedule unless set, and a final status has neither.
 */
public final class TaskBuilder {

    public static final Instant CREATED_AT = Instant.parse("2026-04-22T10:00:00Z");
    public static final TaskId ID = new TaskId(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));

    private long userId = 1001;
    private Schedule schedule = new IntervalSchedule(Duration.ofSeconds(20), Optional.empty());
    private Callback callback = aCallback();
    private Optional<Long> maxCount = Optional.empty();
    private final List<FieldMatch> fieldMatches = new ArrayList<>();
    private TaskStatus status = TaskStatus.PENDING;
    private long executionCount;
    private int consecutiveFailures;
    private Optional<Instant> nextRunTime;
    private Instant createdAt = CREATED_AT;
    private Optional<PendingFire> pendingFire = Optional.empty();

    private TaskBuilder() {
    }

    public static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    public static Callback aCallback() {
        return new Callback(URI.create("https://api.example.com/execute"), HttpMethod.POST,
                Map.of("Content-Type", "application/json"), Optional.of("{\"data\":\"example\"}"));
    }

    public TaskBuilder interval(long seconds) {
        return schedule(new IntervalSchedule(Duration.ofSeconds(seconds), Optional.empty()));
    }

    public TaskBuilder once() {
        return schedule(new OnceSchedule(Optional.empty()));
    }

    public TaskBuilder onceAt(Instant at) {
        return schedule(new OnceSchedule(Optional.of(at)));
    }

    public TaskBuilder cron(String expression, String zone) {
        return schedule(new CronSchedule(expression, ZoneId.of(zone), Optional.empty()));
    }

    public TaskBuilder schedule(Schedule schedule) {
        this.schedule = schedule;
        return this;
    }

    public TaskBuilder userId(long userId) {
        this.userId = userId;
        return this;
    }

    public TaskBuilder callback(Callback callback) {
        this.callback = callback;
        return this;
    }

    public TaskBuilder maxCount(long max) {
        this.maxCount = Optional.of(max);
        return this;
    }

    /** Stop when the response holds {@code expectedJson} at {@code key} (a field name or a JSON Pointer). */
    public TaskBuilder stopWhen(String key, String expectedJson) {
        fieldMatches.add(new FieldMatch(key, expectedJson));
        return this;
    }

    public TaskBuilder status(TaskStatus status) {
        this.status = status;
        return this;
    }

    public TaskBuilder running() {
        return status(TaskStatus.RUNNING);
    }

    public TaskBuilder executionCount(long count) {
        this.executionCount = count;
        return this;
    }

    public TaskBuilder consecutiveFailures(int failures) {
        this.consecutiveFailures = failures;
        return this;
    }

    public TaskBuilder nextRunTime(Instant at) {
        this.nextRunTime = Optional.ofNullable(at);
        return this;
    }

    /** A fire claimed under {@code executionId} for {@code scheduled}, leased for a minute. */
    public TaskBuilder pendingFire(String executionId, Instant scheduled) {
        this.pendingFire = Optional.of(new PendingFire(executionId, scheduled, scheduled.plusSeconds(60)));
        return this;
    }

    public TaskBuilder createdAt(Instant at) {
        this.createdAt = at;
        return this;
    }

    public Task build() {
        Optional<Instant> next = status.isFinal() ? Optional.empty()
                : nextRunTime != null ? nextRunTime : schedule.firstFire(createdAt);
        return new Task(ID, userId, schedule, callback, new StopCondition(maxCount, fieldMatches), status,
                executionCount, consecutiveFailures, next, createdAt, createdAt, 0, status.isFinal() ? Optional.empty() : pendingFire,
                TaskTags.NONE, Optional.empty());
    }
}
