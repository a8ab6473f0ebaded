package com.coze.timer.application.port.out;

import com.coze.timer.domain.task.Callback;
import com.coze.timer.domain.task.Signing;
import com.coze.timer.domain.task.TaskId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the HTTP request of one fire, with the retries, rate limits and address checks it needs,
 * without blocking the caller.
 */
public interface CallbackSender {

    /** Starts sending; the returned call completes once the fire is done, whatever its outcome. */
    InFlightCall send(CallbackRequest request);

    /**
     * One fire's request. {@code executionId} is sent on every attempt as {@code X-Timer-Execution-Id}
     * and {@code webhook-id}; every attempt is signed with the secrets of {@code signing} that hold
     * at its time. No attempt goes out once {@code fence} stops holding: the call then ends aborted,
     * and with {@code attempts} 0 if nothing at all was sent.
     */
    record CallbackRequest(TaskId taskId, String executionId, Instant scheduledTime, Callback callback, Signing signing,
                           Fence fence) {

        public CallbackRequest {
            signing = signing == null ? Signing.NONE : signing;
            fence = fence == null ? Fence.OPEN : fence;
        }

        /** A request of the task's own callback, signed with its secrets, whose fence always holds. */
        public CallbackRequest(TaskId taskId, String executionId, Instant scheduledTime, Callback callback) {
            this(taskId, executionId, scheduledTime, callback, callback.signing(), Fence.OPEN);
        }

        /** A request of the task's own callback, signed with its secrets, sent only while {@code fence} holds. */
        public CallbackRequest(TaskId taskId, String executionId, Instant scheduledTime, Callback callback, Fence fence) {
            this(taskId, executionId, scheduledTime, callback, callback.signing(), fence);
        }

        /** A request signed with {@code signing}, whose fence always holds. */
        public CallbackRequest(TaskId taskId, String executionId, Instant scheduledTime, Callback callback, Signing signing) {
            this(taskId, executionId, scheduledTime, callback, signing, Fence.OPEN);
        }
    }

    /** A call under way. */
    interface InFlightCall {

        /** Completes normally with the result, also for failures and aborts; never exceptionally. */
        CompletableFuture<CallbackResult> result();

        /** Aborts the call: the request in progress is cancelled and no further attempt is made. */
        void abort();

        /** A call that ended before it began (it could not be sent): {@code result} at once, nothing to abort. */
        static InFlightCall ended(CallbackResult result) {
            CompletableFuture<CallbackResult> done = CompletableFuture.completedFuture(result);
            return new InFlightCall() {
                @Override
                public CompletableFuture<CallbackResult> result() {
                    return done;
                }

                @Override
                public void abort() {
                }
            };
        }
    }

    /**
     * How a fire went. {@code body} is the response body of the last attempt, cut at the sender's
     * limit; {@code startedAt} is when the first attempt began (after any wait for a rate token).
     */
    record CallbackResult(
            boolean success,
            boolean aborted,
            OptionalInt httpStatus,
            Optional<String> body,
            int attempts,
            Optional<String> error,
            Instant startedAt,
            long durationMs) {
    }
}
