package com.coze.timer.http;

import com.coze.timer.application.port.out.Fence;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The last look at a fire's {@link Fence}, as a network interceptor: OkHttp runs it once the
 * connection is ready and right before the request is written, so a request that waited (for a
 * rate token, a dispatcher slot, a connection, or in a process that was paused meanwhile) is
 * not written once the fence stopped holding. A request without a fence passes.
 */
final class FenceCheck implements Interceptor {

    /** The request's fence, {@link Fence#OPEN} when it carries none. */
    static Fence of(Request request) {
        Fence fence = request.tag(Fence.class);
        return fence == null ? Fence.OPEN : fence;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!of(chain.request()).holds()) {
            throw new FencedOff();
        }
        return chain.proceed(chain.request());
    }

    /**
     * The fence stopped holding before the request was written: nothing was sent. An
     * {@link InterruptedIOException} (not a timeout) so that OkHttp neither retries it on another
     * route nor counts it as a connection failure; the sender does not retry it either.
     */
    static final class FencedOff extends InterruptedIOException {

        static final String MESSAGE = "not sent: this instance may no longer own the fire (no recent contact with its "
                + "coordination service); its new owner sends it";

        FencedOff() {
            super(MESSAGE);
        }
    }
}
