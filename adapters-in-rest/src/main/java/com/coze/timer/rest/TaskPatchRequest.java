package com.coze.timer.rest;

import static com.coze.timer.rest.TaskFields.BODY;
import static com.coze.timer.rest.TaskFields.CRON_EXPRESSION;
import static com.coze.timer.rest.TaskFields.HEADERS;
import static com.coze.timer.rest.TaskFields.HTTP_ENDPOINT;
import static com.coze.timer.rest.TaskFields.INTERVAL_SECONDS;
import static com.coze.timer.rest.TaskFields.LABELS;
import static com.coze.timer.rest.TaskFields.METHOD;
import static com.coze.timer.rest.TaskFields.NAME;
import static com.coze.timer.rest.TaskFields.START_TIME;
import static com.coze.timer.rest.TaskFields.STOP_CONDITION;
import static com.coze.timer.rest.TaskFields.TIME_ZONE;
import static com.coze.timer.rest.TaskFields.TYPE;

import com.coze.timer.application.port.in.TaskPatch;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.endpoint.CallbackTargets;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.HttpMethod;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code PATCH /api/v1/tasks/{task_id}}, read into a {@link TaskPatch}: any of the
 * create fields but {@code user_id}, each replacing the stored value ({@code retry} field by field). As in a JSON merge patch,
 * {@code null} removes what can be removed ({@code body}, {@code headers}, {@code stop_condition},
 * {@code name}, {@code labels});
 * it is refused for what a task cannot lack ({@code http_endpoint}, {@code method}, {@code type},
 * {@code retry}, {@code timeout_ms}) and
 * means "unchanged" for the other schedule fields, which a change of type drops anyway.
 */
final class TaskPatchRequest {

    private TaskPatchRequest() {
    }

    static TaskPatch parse(JsonObject json) {
        InvalidArgument.require(!json.containsKey(CreateTaskRequest.USER_ID), CreateTaskRequest.USER_ID,
                "user_id cannot be changed");
        JsonFields f = JsonFields.of(json, TaskFields.TASK_FIELDS);
        refuseNull(f, HTTP_ENDPOINT);
        refuseNull(f, METHOD);
        refuseNull(f, TYPE);
        refuseNull(f, TaskFields.RETRY);
        refuseNull(f, TaskFields.TIMEOUT_MS);
        return new TaskPatch(
                f.string(HTTP_ENDPOINT).map(CallbackTargets::parse),
                f.string(METHOD).map(HttpMethod::fromWire),
                f.isNull(HEADERS) ? Optional.of(Map.of()) : f.value(HEADERS).map(TaskFields::headers),
                f.has(BODY) ? Optional.of(f.value(BODY).map(TaskFields::body).orElse("null")) : Optional.empty(),
                f.string(TYPE).map(ScheduleType::fromWire),
                f.integer(INTERVAL_SECONDS),
                f.string(CRON_EXPRESSION).map(TaskFields::cronExpression),
                f.string(TIME_ZONE),
                f.string(START_TIME).map(TaskFields::startTime),
                f.isNull(STOP_CONDITION) ? Optional.of(StopCondition.NONE) : f.value(STOP_CONDITION).map(TaskFields::stopCondition),
                f.has(NAME) ? Optional.of(f.string(NAME)) : Optional.empty(),
                f.isNull(LABELS) ? Optional.of(Map.of()) : f.value(LABELS).map(TaskFields::labels),
                TaskFields.delivery(f),
                f.has(TaskFields.FAILURE_CALLBACK_URL)
                        ? Optional.of(f.string(TaskFields.FAILURE_CALLBACK_URL).map(TaskFields::failureCallbackUrl))
                        : Optional.empty());
    }

    private static void refuseNull(JsonFields f, String field) {
        InvalidArgument.require(!f.isNull(field), field, field + " cannot be removed");
    }
}
