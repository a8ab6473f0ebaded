package com.coze.timer.application.fakes;

import com.coze.timer.application.port.out.CallbackSender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A callback sender whose calls stay in flight until the test answers them, so that a test decides
 * what each fire returns and when.
 */
public final class ScriptedCallbackSender implements CallbackSender {

    /** One call the engine made. */
    public static final class Call implements InFlightCall {
        private final CallbackRequest request;
        private final CompletableFuture<CallbackResult> result = new CompletableFuture<>();
        private volatile boolean aborted;

        Call(CallbackRequest request) {
            this.request = request;
        }

        public CallbackRequest request() {
            return request;
        }

        public boolean isAborted() {
            return aborted;
        }

        /** Answers the call with an HTTP status and body, as the receiver would. */
        public void respond(int status, String body, Instant at) {
            boolean success = status >= 200 && status < 300;
            result.complete(new CallbackResult(success, false, OptionalInt.of(status), Optional.ofNullable(body), 1,
                    success ? Optional.empty() : Optional.of("HTTP " + status), at, 5));
        }

        /** Ends the call unsent, as the sender does once the fire's fence stopped holding before any attempt. */
        public void fencedOff(Instant at) {
            result.complete(new CallbackResult(false, true, OptionalInt.empty(), Optional.empty(), 0,
                    Optional.of("not sent: fenced off"), at, 0));
        }

        @Override
        public CompletableFuture<CallbackResult> result() {
            return result;
        }

        @Override
        public void abort() {
            aborted = true;
            result.complete(new CallbackResult(false, true, OptionalInt.empty(), Optional.empty(), 1,
                    Optional.of("aborted"), request.scheduledTime(), 0));
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final java.util.Set<com.coze.timer.domain.task.TaskId> refused = new java.util.HashSet<>();

    /** From now on, sending a fire of {@code taskId} throws, as a client does for a request it cannot build. */
    public synchronized void cannotSend(com.coze.timer.domain.task.TaskId taskId) {
        refused.add(taskId);
    }

    @Override
    public synchronized InFlightCall send(CallbackRequest request) {
        if (refused.contains(request.taskId())) {
            throw new IllegalArgumentException("Unexpected char 0xe9 at 3 in X-Custom value: caf\u00e9");
        }
        Call call = new Call(request);
        calls.add(call);
        return call;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized Call last() {
        return calls.getLast();
    }
}
