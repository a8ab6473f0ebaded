-- Listings over all users (the admin listing) are ordered newest first like a user's, with or
-- without a status filter: these indexes give that order without sorting the whole table.
CREATE INDEX idx_tasks_created ON tasks (created_at);
CREATE INDEX idx_tasks_status_created ON tasks (status, created_at);
