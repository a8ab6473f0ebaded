-- A paused task keeps its next run time (the occurrence it resumes from) and holds no claim, so in
-- the refill's indexes, (fire_execution_id, next_run_time) with or without the slot first, it sat
-- inside every refill's range once that time had passed: each refill (every 200 ms) read every
-- paused task and dropped it on its status. With the status before the time, a refill reads only
-- pending and running tasks: two ranges, merged by a sort of the few due ones. Same number of
-- indexes, so a fire's update moves no more entries than before.
CREATE INDEX idx_tasks_unclaimed_status_due ON tasks (fire_execution_id, status, next_run_time);
CREATE INDEX idx_tasks_slot_unclaimed_status_due ON tasks (slot, fire_execution_id, status, next_run_time);
DROP INDEX idx_tasks_unclaimed_due ON tasks;
DROP INDEX idx_tasks_slot_unclaimed_due ON tasks;
