package com.coze.timer.application.delivery;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.FailureNotice;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.HttpMethod;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where the requests that are not a task's own fire are built: a failure callback
 * (a JSON POST, its notice id as execution id) and a redrive (the dead letter's request again, with
 * the execution id of the fire that failed).
 */
public final class DeliveryRequests {

    private DeliveryRequests() {
    }

    public static CallbackRequest failureCallback(FailureNotice notice) {
        Callback post = new Callback(notice.target(), HttpMethod.POST, Map.of("Content-Type", "application/json"),
                Optional.of(notice.payload()));
        return new CallbackRequest(notice.taskId(), notice.noticeId(), notice.scheduledTime(), post);
    }

    public static CallbackRequest redrive(DeadLetter deadLetter) {
        return new CallbackRequest(deadLetter.taskId(), deadLetter.executionId(), deadLetter.scheduledTime(), deadLetter.request());
    }
}
