package com.coze.timer.application.delivery;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.port.in.DeleteDeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;

public final class DeleteDeadLetterService implements DeleteDeadLetter {

    private final DeadLetters deadLetters;
    private final DeadLetterAccess access;

    public DeleteDeadLetterService(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.access = new DeadLetterAccess(deadLetters);
    }

    @Override
    public Result<String> delete(Caller caller, String deadLetterId) {
        return access.find(caller, deadLetterId).flatMap(found -> deadLetters.delete(deadLetterId)
                ? Result.ok(deadLetterId) : Result.rejected(Rejection.notFound("dead letter " + deadLetterId)));
    }
}
