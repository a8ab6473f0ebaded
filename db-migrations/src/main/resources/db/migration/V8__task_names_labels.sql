-- A task's optional name (at most 200 characters) and labels (a JSON object of up to 20 string
-- pairs), set by its user to find it again: listings filter by name prefix and by one label.
ALTER TABLE tasks
    ADD COLUMN name   VARCHAR(200) NULL AFTER user_id,
    ADD COLUMN labels TEXT         NULL AFTER name;
CREATE INDEX idx_tasks_user_name ON tasks (user_id, name);
