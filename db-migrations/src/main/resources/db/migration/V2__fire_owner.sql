-- Which instance holds a task's claimed fire, so that another instance can take over at once the
-- claims of an instance that left the cluster instead of waiting for their leases to run out.
ALTER TABLE tasks ADD COLUMN fire_owner VARCHAR(128) NULL AFTER fire_lease_until;

-- Refills look for unclaimed tasks due soon (fire_execution_id IS NULL, next_run_time in range),
-- in every slot or in the owned ones. Claimed tasks also have a next run time inside the window;
-- leading with fire_execution_id keeps them out of the scanned range.
CREATE INDEX idx_tasks_unclaimed_due ON tasks (fire_execution_id, next_run_time);
CREATE INDEX idx_tasks_slot_unclaimed_due ON tasks (slot, fire_execution_id, next_run_time);
DROP INDEX idx_tasks_due ON tasks;
DROP INDEX idx_tasks_slot_due ON tasks;
