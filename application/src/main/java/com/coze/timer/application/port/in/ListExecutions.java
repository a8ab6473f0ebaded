package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.execution.ExecutionRecord;
import java.util.List;
import java.util.Optional;

/** A task's execution history, newest first, paged by log id. */
public interface ListExecutions {

    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 500;

    Result<List<ExecutionRecord>> list(Caller caller, String taskId, int limit, Optional<Long> beforeLogId);
}
