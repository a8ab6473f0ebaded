package com.coze.timer.application.port.in;

import com.coze.timer.domain.Result;

/** Lists one user's dead letters: the caller must be that user or act for them. */
public interface ListDeadLetters {
    Result<DeadLetterPage> list(DeadLetterQuery query);
}
