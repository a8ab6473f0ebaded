-- An execution that redrove a dead letter is marked as such; and the log is purged by age
-- (TIMER_LOGS_RETENTION) through idx_task_logs_created, in small batches.
ALTER TABLE task_logs
    ADD COLUMN redrive BOOLEAN NOT NULL DEFAULT FALSE AFTER error;
CREATE INDEX idx_task_logs_created ON task_logs (created_at);
