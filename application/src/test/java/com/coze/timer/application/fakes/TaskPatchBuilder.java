package com.coze.timer.application.fakes;

import com.coze.timer.domain.task.Delivery;
import com.coze.timer.application.port.in.TaskPatch;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.HttpMethod;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Test data: {@code aPatch().intervalSeconds(60).build()}; fields not set stay as they are. */
public final class TaskPatchBuilder {

    private Optional<URI> endpoint = Optional.empty();
    private Optional<HttpMethod> method = Optional.empty();
    private Optional<Map<String, String>> headers = Optional.empty();
    private Optional<String> body = Optional.empty();
    private Optional<ScheduleType> type = Optional.empty();
    private Optional<Long> intervalSeconds = Optional.empty();
    private Optional<String> cronExpression = Optional.empty();
    private Optional<String> timeZone = Optional.empty();
    private Optional<Instant> startTime = Optional.empty();
    private Optional<StopCondition> stopCondition = Optional.empty();

    private TaskPatchBuilder() {
    }

    private Delivery.Choice delivery = Delivery.Choice.NONE;

    public static TaskPatchBuilder aPatch() {
        return new TaskPatchBuilder();
    }

    public TaskPatchBuilder endpoint(String url) {
        endpoint = Optional.of(URI.create(url));
        return this;
    }

    public TaskPatchBuilder method(HttpMethod value) {
        method = Optional.of(value);
        return this;
    }

    public TaskPatchBuilder headers(Map<String, String> value) {
        headers = Optional.of(value);
        return this;
    }

    /** The new body's JSON text; {@code "null"} removes the body. */
    public TaskPatchBuilder body(String json) {
        body = Optional.of(json);
        return this;
    }

    public TaskPatchBuilder type(ScheduleType value) {
        type = Optional.of(value);
        return this;
    }

    public TaskPatchBuilder intervalSeconds(long seconds) {
        intervalSeconds = Optional.of(seconds);
        return this;
    }

    public TaskPatchBuilder cronExpression(String expression) {
        cronExpression = Optional.of(expression);
        return this;
    }

    public TaskPatchBuilder timeZone(String zone) {
        timeZone = Optional.of(zone);
        return this;
    }

    public TaskPatchBuilder startTime(String at) {
        startTime = Optional.of(Instant.parse(at));
        return this;
    }

    private Optional<Optional<String>> name = Optional.empty();
    private Optional<Map<String, String>> labels = Optional.empty();
    private Optional<Optional<java.net.URI>> failureCallback = Optional.empty();

    public TaskPatchBuilder failureCallback(String url) {
        failureCallback = Optional.of(Optional.ofNullable(url).map(java.net.URI::create));
        return this;
    }

    public TaskPatchBuilder stopCondition(StopCondition value) {
        stopCondition = Optional.of(value);
        return this;
    }

    public TaskPatchBuilder name(String value) {
        name = Optional.of(Optional.ofNullable(value));
        return this;
    }

    public TaskPatchBuilder labels(Map<String, String> value) {
        labels = Optional.of(value);
        return this;
    }

    public TaskPatchBuilder delivery(Delivery.Choice value) {
        delivery = value;
        return this;
    }

    public TaskPatch build() {
        return new TaskPatch(endpoint, method, headers, body, type, intervalSeconds, cronExpression, timeZone, startTime,
                stopCondition, name, labels, delivery, failureCallback);
    }
}
