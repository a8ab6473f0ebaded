package com.coze.timer.application.port.out;

import java.time.Instant;
import java.util.List;

/**
 * The failure callbacks still to be sent. A claim holds a notice until its lease ends: a notice
 * claimed by an instance that died before confirming it is claimed again after that, by any
 * instance, and sent with the same id; two claims never hold the same notice at once.
 */
public interface FailureOutbox {

    /** Claims up to {@code limit} notices due at {@code now} for {@code owner}, until {@code leaseUntil}. */
    List<FailureNotice> claim(String owner, Instant now, Instant leaseUntil, int limit);

    /** Removes a notice once its sending has ended (delivered, or failed for good). */
    void done(String noticeId);
}
