-- Coze Timer schema, version 1. All DATETIME columns hold UTC instants with millisecond precision.

CREATE TABLE tasks (
    task_id              CHAR(36)      NOT NULL,
    user_id              BIGINT        NOT NULL,
    type                 VARCHAR(16)   NOT NULL,          -- interval | once | cron
    status               VARCHAR(16)   NOT NULL,          -- pending | running | completed | failed | stopped
    http_endpoint        VARCHAR(2048) NOT NULL,
    http_method          VARCHAR(8)    NOT NULL,
    headers_cipher       MEDIUMTEXT    NULL,              -- AES-GCM sealed JSON object of headers
    body_cipher          MEDIUMTEXT    NULL,              -- AES-GCM sealed JSON body
    interval_seconds     BIGINT        NULL,
    cron_expression      VARCHAR(255)  NULL,
    time_zone            VARCHAR(64)   NULL,
    stop_condition       TEXT          NULL,              -- JSON, as the user gave it
    start_time           DATETIME(3)   NULL,
    next_run_time        DATETIME(3)   NULL,              -- NULL once the task has ended
    execution_count      BIGINT        NOT NULL DEFAULT 0,
    consecutive_failures INT           NOT NULL DEFAULT 0,
    slot                 INT           NOT NULL,          -- ownership slot in cluster mode
    fire_execution_id    CHAR(36)      NULL,              -- the fire in flight, if any
    fire_scheduled_time  DATETIME(3)   NULL,
    fire_lease_until     DATETIME(3)   NULL,
    version              BIGINT        NOT NULL DEFAULT 0, -- optimistic lock
    created_at           DATETIME(3)   NOT NULL,
    updated_at           DATETIME(3)   NOT NULL,
    PRIMARY KEY (task_id),
    KEY idx_tasks_user_status (user_id, status, created_at),
    KEY idx_tasks_due (next_run_time),
    KEY idx_tasks_slot_due (slot, next_run_time),
    KEY idx_tasks_lease (fire_lease_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per execution (one fire, however many attempts it took). The seed keyed this table by
-- user_id, which would keep a single row per user; here every execution has its own row.
CREATE TABLE task_logs (
    log_id         BIGINT        NOT NULL AUTO_INCREMENT,
    execution_id   CHAR(36)      NOT NULL,                -- X-Timer-Execution-Id of the fire
    task_id        CHAR(36)      NOT NULL,
    user_id        BIGINT        NOT NULL,
    scheduled_time DATETIME(3)   NOT NULL,
    started_at     DATETIME(3)   NOT NULL,
    duration_ms    BIGINT        NOT NULL,
    http_status    INT           NULL,
    response_body  TEXT          NULL,                    -- a bounded prefix
    attempts       INT           NOT NULL,
    outcome        VARCHAR(16)   NOT NULL,                -- success | failure | aborted
    error          VARCHAR(1024) NULL,
    created_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (log_id),
    KEY idx_task_logs_task (task_id, log_id),
    KEY idx_task_logs_execution (execution_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- API tokens, stored only as SHA-256 hashes of the token text.
CREATE TABLE api_tokens (
    token_hash CHAR(64)     NOT NULL,
    user_id    BIGINT       NOT NULL,
    is_admin   BOOLEAN      NOT NULL DEFAULT FALSE,
    label      VARCHAR(255) NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (token_hash),
    KEY idx_api_tokens_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
