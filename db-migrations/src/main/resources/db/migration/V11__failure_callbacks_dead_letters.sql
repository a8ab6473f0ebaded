-- Fires that finally failed (retries exhausted, or a 4xx that is not retried). Both tables are
-- written in the transaction that records the failed outcome, so that a crash between the two
-- neither loses a dead letter or a failure callback nor sends one twice with different ids.

-- Where a task reports its final failures (optional; same rules as http_endpoint).
ALTER TABLE tasks
    ADD COLUMN failure_callback_url VARCHAR(2048) NULL AFTER http_endpoint;

-- Every finally failed fire, kept for TIMER_DEAD_LETTERS_RETENTION, with the request as it was
-- sent (headers and body sealed like the task's own, bound to the task id) so that a redrive
-- sends the same request again.
CREATE TABLE dead_letters (
    dead_letter_id CHAR(36)      NOT NULL,
    task_id        CHAR(36)      NOT NULL,
    user_id        BIGINT        NOT NULL,
    execution_id   CHAR(36)      NOT NULL,
    scheduled_time DATETIME(3)   NOT NULL,
    failed_at      DATETIME(3)   NOT NULL,               -- of the last attempt (a failed redrive moves it)
    attempts       INT           NOT NULL,
    http_status    INT           NULL,
    error          VARCHAR(1024) NULL,
    http_endpoint  VARCHAR(2048) NOT NULL,
    http_method    VARCHAR(8)    NOT NULL,
    headers_cipher MEDIUMTEXT    NULL,
    body_cipher    MEDIUMTEXT    NULL,
    PRIMARY KEY (dead_letter_id),
    KEY idx_dead_letters_user (user_id, failed_at, dead_letter_id),
    KEY idx_dead_letters_failed (failed_at, dead_letter_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Failure callbacks still to be sent. A relay claims due rows (claim_until <= now) by moving
-- claim_until past a lease; a row claimed but not confirmed (the relay died) is due again after
-- the lease and sent again with the same outbox_id. A sent row is deleted.
CREATE TABLE failure_outbox (
    outbox_id      CHAR(36)      NOT NULL,               -- X-Timer-Execution-Id of the failure callback
    task_id        CHAR(36)      NOT NULL,
    execution_id   CHAR(36)      NOT NULL,               -- of the failed fire
    scheduled_time DATETIME(3)   NOT NULL,
    target_url     VARCHAR(2048) NOT NULL,
    payload        MEDIUMTEXT    NOT NULL,               -- the JSON document POSTed
    created_at     DATETIME(3)   NOT NULL,
    claim_until    DATETIME(3)   NOT NULL,               -- created_at until first claimed
    claimed_by     VARCHAR(128)  NULL,
    PRIMARY KEY (outbox_id),
    KEY idx_failure_outbox_due (claim_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
