package com.coze.timer.application.port.in;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.domain.Result;

/** Counts a user's running tasks. */
public interface CountRunningTasks {
    Result<RunningCount> count(Caller caller, long userId);
}
