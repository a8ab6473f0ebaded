package com.coze.timer.application.port.out;

import com.coze.timer.domain.execution.DeadLetter;
import java.util.Optional;

/**
 * What a fire that finally failed leaves behind, stored in the same transaction as its failed
 * outcome: its dead letter and, when its task names a {@code failure_callback_url}, the failure
 * callback to send.
 */
public record FinalFailure(DeadLetter deadLetter, Optional<FailureNotice> notice) {
}
