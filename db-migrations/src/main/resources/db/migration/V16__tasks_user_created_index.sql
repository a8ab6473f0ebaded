-- A user's listing without a status filter is ordered newest first (created_at DESC, task_id DESC).
-- idx_tasks_user_status (user_id, status, created_at) finds the user's tasks but not in that order,
-- so every page sorted all of the user's tasks. InnoDB appends the primary key (task_id) to this
-- index, so read backwards it is the listing's order: a page reads only its own rows. A task's
-- user and creation time never change, so a fire's update moves no entry of it.
CREATE INDEX idx_tasks_user_created ON tasks (user_id, created_at);
