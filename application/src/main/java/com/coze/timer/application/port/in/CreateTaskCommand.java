package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.schedule.Schedule;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.TaskTags;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create a task for {@code userId}; the values have already validated themselves.
 * {@code failureCallback} is where its final failures are reported, if anywhere.
 */
public record CreateTaskCommand(Caller caller, long userId, Schedule schedule, Callback callback, StopCondition stopCondition,
                                TaskTags tags, Optional<URI> failureCallback) {

    public CreateTaskCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(callback, "callback");
        stopCondition = stopCondition == null ? StopCondition.NONE : stopCondition;
        tags = tags == null ? TaskTags.NONE : tags;
        failureCallback = failureCallback == null ? Optional.empty() : failureCallback;
    }
}
