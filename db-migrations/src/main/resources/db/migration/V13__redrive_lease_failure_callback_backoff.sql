-- A redrive takes its dead letter first: one UPDATE moves redriving_until past the longest the
-- redrive can take, only where it is NULL or already past, so two redrives at once (of any
-- instances) cannot both send; the redrive's end clears it, and a crashed one's expires.
ALTER TABLE dead_letters
    ADD COLUMN redriving_until DATETIME(3) NULL AFTER error;

-- A failure callback whose sending failed stays in the outbox: failed_rounds counts the sendings
-- that failed, and claim_until is moved to when it is tried again (a growing backoff), until it is
-- older than the maximum age and given up.
ALTER TABLE failure_outbox
    ADD COLUMN failed_rounds INT NOT NULL DEFAULT 0 AFTER claimed_by;
