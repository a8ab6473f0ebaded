package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.TaskId;
import java.net.URI;
import java.time.Instant;

/**
 * A failure callback waiting in the outbox: the JSON {@code payload} to POST to {@code target} about
 * the failed fire {@code executionId} of {@code taskId}. {@code noticeId} is sent as its execution id
 * on every attempt, also when it is sent again after a crash.
 */
public record FailureNotice(String noticeId, TaskId taskId, String executionId, Instant scheduledTime, URI target, String payload) {
}
