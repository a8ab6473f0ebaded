-- One row per user who ever created a task. A create locks its user's row (SELECT ... FOR UPDATE)
-- before it counts that user's active tasks and inserts, so that concurrent creates of one user
-- are counted one after the other and the per-user quota holds on every instance.
CREATE TABLE user_quota_locks (
    user_id BIGINT NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
