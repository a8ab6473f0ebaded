package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;

/** Removes a dead letter without sending it again. */
public interface DeleteDeadLetter {
    Result<String> delete(Caller caller, String deadLetterId);
}
