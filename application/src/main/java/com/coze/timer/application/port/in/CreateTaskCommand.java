package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.TaskTags;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create a task for {@code userId}; the values have already validated themselves.
 * {@code delivery} holds the retry and timeout settings the user chose; the service's fill the rest.
 * {@code failureCallback} is where its final failures are reported, if anywhere.
 */
public record CreateTaskCommand(Caller caller, long userId, Schedule schedule, Callback callback, StopCondition stopCondition,
                                TaskTags tags, Delivery.Choice delivery, Optional<URI> failureCallback) {

    public CreateTaskCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(callback, "callback");
        stopCondition = stopCondition == null ? StopCondition.NONE : stopCondition;
        tags = tags == null ? TaskTags.NONE : tags;
        delivery = delivery == null ? Delivery.Choice.NONE : delivery;
        failureCallback = failureCallback == null ? Optional.empty() : failureCallback;
    }

    /** With the service's delivery settings and no failure callback. */
    public CreateTaskCommand(Caller caller, long userId, Schedule schedule, Callback callback, StopCondition stopCondition,
                             TaskTags tags) {
        this(caller, userId, schedule, callback, stopCondition, tags, Delivery.Choice.NONE, Optional.empty());
    }
}
