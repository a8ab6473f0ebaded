package com.coze.timer.application.delivery;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.FailureNotice;
import com.coze.timer.domain.task.Callback;
import com.coze.timer.application.port.out.TaskStore;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.Signing;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where the requests that are not a task's own fire are built: a failure callback
 * (a JSON POST, its notice id as execution id) and a redrive (the dead letter's request again, with
 * the execution id of the fire that failed). Both are signed with the task's signing secrets as
 * they are now, like its own callbacks; a task gone meanwhile leaves them unsigned. A redrive is
 * also tried as the task's own fires are now (its {@code retry} and {@code timeout_ms}, carried by
 * the request to the sender, which applies them to every request); a task gone meanwhile leaves it
 * to the sender's settings, as a failure callback always is.
 */
public final class DeliveryRequests {

    private DeliveryRequests() {
    }

    public static CallbackRequest failureCallback(FailureNotice notice, TaskStore tasks) {
        Callback post = new Callback(notice.target(), HttpMethod.POST, Map.of("Content-Type", "application/json"),
                Optional.of(notice.payload()));
        return new CallbackRequest(notice.taskId(), notice.noticeId(), notice.scheduledTime(), post, signingOf(notice.taskId(), tasks));
    }

    public static CallbackRequest redrive(DeadLetter deadLetter, TaskStore tasks) {
        Optional<Callback> own = tasks.find(deadLetter.taskId()).map(Task::callback);
        Callback request = deadLetter.request();
        Callback again = new Callback(request.endpoint(), request.method(), request.headers(), request.body(),
                own.flatMap(Callback::delivery), own.map(Callback::signing).orElse(Signing.NONE));
        return new CallbackRequest(deadLetter.taskId(), deadLetter.executionId(), deadLetter.scheduledTime(), again);
    }

    private static Signing signingOf(TaskId taskId, TaskStore tasks) {
        return tasks.find(taskId).map(task -> task.callback().signing()).orElse(Signing.NONE);
    }
}
