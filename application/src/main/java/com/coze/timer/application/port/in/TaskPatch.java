package com.coze.timer.application.port.in;

import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.TaskTags;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a modification changes; an empty field stays as it is. {@code body} holds the new
 * body's JSON text, where the text {@code null} removes the body; {@code name} holds the new name,
 * or none to remove it; {@code labels} replace all the labels; {@code delivery} changes the retry
 * and timeout settings it names; {@code failureCallback} the new {@code failure_callback_url}, or
 * none to remove it.
 */
public record TaskPatch(
        Optional<URI> endpoint,
        Optional<HttpMethod> method,
        Optional<Map<String, String>> headers,
        Optional<String> body,
        Optional<ScheduleType> type,
        Optional<Long> intervalSeconds,
        Optional<String> cronExpression,
        Optional<String> timeZone,
        Optional<Instant> startTime,
        Optional<StopCondition> stopCondition,
        Optional<Optional<String>> name,
        Optional<Map<String, String>> labels,
        Delivery.Choice delivery,
        Optional<Optional<URI>> failureCallback) {

    public TaskPatch {
        delivery = delivery == null ? Delivery.Choice.NONE : delivery;
        failureCallback = failureCallback == null ? Optional.empty() : failureCallback;
    }

    /** A patch that leaves the delivery settings and the failure callback as they are. */
    public TaskPatch(Optional<URI> endpoint, Optional<HttpMethod> method, Optional<Map<String, String>> headers,
                     Optional<String> body, Optional<ScheduleType> type, Optional<Long> intervalSeconds,
                     Optional<String> cronExpression, Optional<String> timeZone, Optional<Instant> startTime,
                     Optional<StopCondition> stopCondition, Optional<Optional<String>> name,
                     Optional<Map<String, String>> labels) {
        this(endpoint, method, headers, body, type, intervalSeconds, cronExpression, timeZone, startTime, stopCondition,
                name, labels, Delivery.Choice.NONE, Optional.empty());
    }

    /** The task's name and labels once this patch is applied. */
    public TaskTags tagsOf(TaskTags current) {
        return current.withName(name.orElse(current.name())).withLabels(labels.orElse(current.labels()));
    }

    /** Whether any field of the schedule changes. */
    public boolean touchesSchedule() {
        return type.isPresent() || intervalSeconds.isPresent() || cronExpression.isPresent()
                || timeZone.isPresent() || startTime.isPresent();
    }

    public boolean isEmpty() {
        return !touchesSchedule() && endpoint.isEmpty() && method.isEmpty() && headers.isEmpty()
                && body.isEmpty() && stopCondition.isEmpty() && name.isEmpty() && labels.isEmpty() && delivery.isEmpty()
                && failureCallback.isEmpty();
    }
}
