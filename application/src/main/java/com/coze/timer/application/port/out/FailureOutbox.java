package com.coze.timer.application.port.out;

import java.time.Instant;
import java.util.List;

/**
 * The failure callbacks still to be sent. A claim holds a notice until its lease ends: a notice
 * claimed by an instance that died before confirming it is claimed again after that, by any
 * instance, and sent with the same id; two claims never hold the same notice at once. A notice
 * whose sending failed is put back, due again later, until it is given up.
 */
public interface FailureOutbox {

    /** Claims up to {@code limit} notices due at {@code now} for {@code owner}, until {@code leaseUntil}. */
    List<Claimed> claim(String owner, Instant now, Instant leaseUntil, int limit);

    /** Removes a notice once its sending has ended for good (delivered, or given up). */
    void done(String noticeId);

    /** Puts back a claimed notice whose sending failed, due again at {@code dueAt}, counting the failed round. */
    void retryAt(String noticeId, Instant dueAt);

    /** A claimed notice, written at {@code createdAt}, whose sending has failed {@code failedRounds} times before. */
    record Claimed(FailureNotice notice, Instant createdAt, int failedRounds) {
    }
}
