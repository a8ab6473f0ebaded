package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.domain.Result;

/**
 * Sends a dead letter's request again, now, with the execution id of the fire that failed; returns
 * at once. The execution is logged marked {@code redrive}; on success the dead letter is removed,
 * on failure it stays with that attempt recorded.
 */
public interface RedriveDeadLetter {
    Result<DeadLetter> redrive(Caller caller, String deadLetterId);
}
