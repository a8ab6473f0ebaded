package com.coze.timer.http;

import com.coze.timer.application.port.out.CallbackSender.CallbackRequest;
import com.coze.timer.application.port.out.CallbackSender.CallbackResult;
import com.coze.timer.application.port.out.CallbackSender.InFlightCall;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One fire on its way: a resilience4j retry loop whose every attempt first waits for a token of
 * the host's bucket and then enqueues the request on OkHttp, stamped and signed at that moment, with
 * the fire's own retries and attempt timeout when it brings them. Nothing blocks a thread: the token
 * wait and the backoff are scheduled, the exchange runs on OkHttp's dispatcher.
 *
 * <p>No attempt starts, and none is written, once the fire's fence stopped holding ({@link FenceCheck}):
 * the fire then ends aborted with the reason, like an abort; with {@code attempts} 0 when nothing at all
 * was written.
 *
 * <p>{@link #abort()} marks the fire aborted, cancels the OkHttp call in progress (if any) and
 * completes the result at once. A token or backoff wait still pending ends on its own schedule and
 * then finds the fire aborted, so nothing more is sent. The result completes exactly once; a later
 * outcome of the retry loop is ignored.
 *
 * <p>{@code attempts} counts requests that were started: every turn of the retry loop, plus the
 * repeats OkHttp makes on its own (it resends once, at once, after a 408 without
 * {@code Retry-After} or a 503 with {@code Retry-After: 0}). Transparent reconnects after a stale
 * pooled connection are OkHttp's business and not counted.
 */
final class CallbackCall implements InFlightCall {

    private final Sending sending;
    private final Request request;
    private final CallbackRequest fire;
    private final CompletableFuture<CallbackResult> result = new CompletableFuture<>();
    private final AtomicReference<Call> current = new AtomicReference<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean aborted;
    private volatile String abortReason = "aborted";
    private volatile Instant startedAt;
    private volatile long startedNanos;

    /** {@code request} is {@code fire} as {@link CallbackRequests#toHttp} made it; each attempt stamps and signs it anew. */
    CallbackCall(Sending sending, Request request, CallbackRequest fire) {
        this.sending = sending;
        this.request = request;
        this.fire = fire;
    }

    void start() {
        Retry retry = sending.retries().retryFor(fire.callback().delivery());
        Retry.decorateCompletionStage(retry, sending.scheduler(), this::attempt).get()
                .whenComplete(this::finish);
    }

    @Override
    public CompletableFuture<CallbackResult> result() {
        return result;
    }

    @Override
    public void abort() {
        abort("aborted");
    }

    private void abort(String reason) {
        markAborted(reason);
        Call call = current.get();
        if (call != null) {
            call.cancel();
        }
        result.complete(outcome(false, OptionalInt.empty(), Optional.empty(), Optional.of(abortReason)));
    }

    private CompletionStage<Attempt> attempt() {
        CompletableFuture<Attempt> outcome = new CompletableFuture<>();
        if (aborted) {
            outcome.completeExceptionally(new CancellationException("aborted"));
            return outcome;
        }
        sending.rateLimits().acquire(request.url().host()).whenComplete((token, failure) -> {
            try {
                if (failure != null) {
                    outcome.completeExceptionally(failure);
                } else {
                    enqueue(outcome);
                }
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e); // never leave the retry loop waiting
            }
        });
        return outcome;
    }

    private void enqueue(CompletableFuture<Attempt> outcome) {
        if (aborted) {
            outcome.completeExceptionally(new CancellationException("aborted"));
            return;
        }
        if (!FenceCheck.of(request).holds()) {
            fencedOff();
            outcome.completeExceptionally(new CancellationException(FenceCheck.FencedOff.MESSAGE));
            return;
        }
        if (attempts.getAndIncrement() == 0) {
            startedNanos = System.nanoTime();
            startedAt = sending.clock().instant();
        }
        Call call = sending.client().newCall(CallbackRequests.forAttempt(request, fire.signing(), sending.clock().instant()));
        fire.callback().delivery().ifPresent(delivery -> call.timeout().timeout(delivery.timeoutMs(), TimeUnit.MILLISECONDS));
        current.set(call);
        if (aborted) {
            call.cancel(); // abort() ran before this call was visible to it
        }
        call.enqueue(new AttemptListener(outcome));
    }


    private void finish(Attempt last, Throwable failure) {
        int count = attempts.get();
        if (aborted) {
            abort(abortReason);
        } else if (last != null) {
            Optional<String> error = last.successful() ? Optional.empty()
                    : Optional.of(Failures.ofStatus(last.status(), count));
            result.complete(outcome(last.successful(), OptionalInt.of(last.status()), Optional.of(last.body()), error));
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            result.complete(outcome(false, OptionalInt.empty(), Optional.empty(),
                    Optional.of(Failures.ofException(cause, count))));
        }
    }

    /** The fence stopped holding before an attempt went out: the fire ends aborted, with no further attempt. */
    private void fencedOff() {
        markAborted(FenceCheck.FencedOff.MESSAGE);
    }

    /** The first reason given stays. */
    private void markAborted(String reason) {
        if (!aborted) {
            abortReason = reason;
        }
        aborted = true;
    }

    private CallbackResult outcome(boolean success, OptionalInt status, Optional<String> body, Optional<String> error) {
        Instant started = startedAt;
        if (started == null) {
            return new CallbackResult(success, aborted, status, body, attempts.get(), error,
                    sending.clock().instant(), 0);
        }
        long durationMs = (System.nanoTime() - startedNanos) / 1_000_000;
        return new CallbackResult(success, aborted, status, body, attempts.get(), error, started, durationMs);
    }

    /** Completes one attempt's future from OkHttp's answer, on OkHttp's dispatcher thread. */
    private final class AttemptListener implements okhttp3.Callback {

        private final CompletableFuture<Attempt> outcome;

        AttemptListener(CompletableFuture<Attempt> outcome) {
            this.outcome = outcome;
        }

        @Override
        public void onFailure(Call call, IOException e) {
            if (e instanceof FenceCheck.FencedOff) {
                attempts.decrementAndGet(); // counted when enqueued, but never written
                fencedOff();
            }
            outcome.completeExceptionally(aborted ? new CancellationException("aborted") : e);
        }

        @Override
        public void onResponse(Call call, Response response) {
            countRepeats(response);
            try {
                outcome.complete(Attempt.read(response, sending.maxResponseBytes(), sending.clock().instant()));
            } catch (IOException e) {
                onFailure(call, e);
            }
        }

        /** Responses OkHttp answered by repeating the request itself count as attempts too. */
        private void countRepeats(Response response) {
            for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
                attempts.incrementAndGet();
            }
        }
    }
}
