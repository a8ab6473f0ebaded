package com.coze.timer.application.fakes;

import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;

/** Reads results in tests. */
public final class Results {

    private Results() {
    }

    /** The rejection of a result that must be one. */
    public static Rejection rejectionOf(Result<?> result) {
        if (result instanceof Result.Rejected<?> rejected) {
            return rejected.rejection();
        }
        throw new AssertionError("expected a rejection, got " + result);
    }
}
