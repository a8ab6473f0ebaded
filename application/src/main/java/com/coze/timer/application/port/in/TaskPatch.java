package com.coze.timer.application.port.in;

import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.HttpMethod;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a modification changes; an empty field stays as it is. {@code body} holds the new
 * body's JSON text, where the text {@code null} removes the body.
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
        Optional<StopCondition> stopCondition) {

    /** Whether any field of the schedule changes. */
    public boolean touchesSchedule() {
        return type.isPresent() || intervalSeconds.isPresent() || cronExpression.isPresent()
                || timeZone.isPresent() || startTime.isPresent();
    }

    public boolean isEmpty() {
        return !touchesSchedule() && endpoint.isEmpty() && method.isEmpty() && headers.isEmpty()
                && body.isEmpty() && stopCondition.isEmpty();
    }
}
