package com.coze.timer.domain.task;

import java.time.Instant;
import java.util.Objects;

/**
 * An occurrence claimed for firing: its execution id (sent as {@code X-Timer-Execution-Id} on every
 * attempt), the time it is scheduled for, and the lease until which the claiming instance is
 * presumed to be working on it. A fire whose lease has run out is taken over and repeated with the
 * same execution id, so that receivers can deduplicate.
 */
public record PendingFire(String executionId, Instant scheduledTime, Instant leaseUntil) {

    public PendingFire {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
    }

    public boolean leaseExpiredAt(Instant now) {
        return leaseUntil.isBefore(now);
    }
}
