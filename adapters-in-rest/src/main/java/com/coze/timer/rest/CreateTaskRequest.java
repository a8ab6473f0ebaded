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

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.CreateTaskCommand;
import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.endpoint.CallbackTargets;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.schedule.Schedules;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.TaskTags;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/tasks}, read into a {@link CreateTaskCommand}. Every mistake is
 * an {@link InvalidArgument} naming its field, thrown before anything is stored.
 */
final class CreateTaskRequest {

    static final String USER_ID = "user_id";
    private static final Set<String> FIELDS = fields();

    private CreateTaskRequest() {
    }

    static CreateTaskCommand parse(JsonObject json, Caller caller) {
        JsonFields f = JsonFields.of(json, FIELDS);
        long userId = f.requiredInteger(USER_ID);
        InvalidArgument.require(userId >= 0, USER_ID, "user_id must be >= 0");
        ScheduleType type = ScheduleType.fromWire(f.string(TYPE).orElse(null));
        URI endpoint = CallbackTargets.parse(f.requiredString(HTTP_ENDPOINT));
        HttpMethod method = HttpMethod.fromWire(f.string(METHOD).orElse(null));
        Map<String, String> headers = f.value(HEADERS).map(TaskFields::headers).orElse(Map.of());
        Optional<String> body = f.value(BODY).map(TaskFields::body);
        Schedule schedule = Schedules.of(type,
                f.integer(INTERVAL_SECONDS).orElse(null),
                f.string(CRON_EXPRESSION).map(TaskFields::cronExpression).orElse(null),
                f.string(TIME_ZONE).orElse(null),
                f.string(START_TIME).map(TaskFields::startTime).orElse(null));
        StopCondition stop = f.value(STOP_CONDITION).map(TaskFields::stopCondition).orElse(StopCondition.NONE);
        TaskTags tags = new TaskTags(f.string(NAME), f.value(LABELS).map(TaskFields::labels).orElse(Map.of()));
        Optional<URI> failureCallback = f.string(TaskFields.FAILURE_CALLBACK_URL).map(TaskFields::failureCallbackUrl);
        return new CreateTaskCommand(caller, userId, schedule, new Callback(endpoint, method, headers, body), stop, tags,
                TaskFields.delivery(f), failureCallback);
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(TaskFields.TASK_FIELDS);
        fields.add(USER_ID);
        return Set.copyOf(fields);
    }
}
