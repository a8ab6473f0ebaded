package com.coze.timer.application.delivery;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;

/**
 * Finds a dead letter on behalf of a caller. Another user's is reported exactly like a missing one,
 * as tasks are, so that ids of other users cannot be probed.
 */
final class DeadLetterAccess {

    private final DeadLetters deadLetters;

    DeadLetterAccess(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    Result<DeadLetter> find(Caller caller, String deadLetterId) {
        return deadLetters.find(deadLetterId)
                .filter(found -> caller.mayActFor(found.userId()))
                .<Result<DeadLetter>>map(Result::ok)
                .orElseGet(() -> Result.rejected(Rejection.notFound("dead letter " + deadLetterId)));
    }
}
