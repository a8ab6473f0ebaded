-- Occurrences of a task that were skipped, not fired (a call still in flight when they came, or a
-- misfire after downtime), and the last skip's reason and time, as GET shows them. Written by the
-- engine apart from the version guard (an increment), so a skip never makes a user's change retry.
ALTER TABLE tasks
    ADD COLUMN skipped_count    BIGINT      NOT NULL DEFAULT 0 AFTER consecutive_failures,
    ADD COLUMN last_skip_reason VARCHAR(16) NULL AFTER skipped_count,   -- in_flight | misfire
    ADD COLUMN last_skip_time   DATETIME(3) NULL AFTER last_skip_reason;
