-- Which instance holds a task's claimed fire, so that another instance can take over at once the
-- claims of an instance that left the cluster instead of waiting for their leases to run out.
ALTER TABLE tasks ADD COLUMN fire_owner VARCHAR(128) NULL AFTER fire_lease_until;
