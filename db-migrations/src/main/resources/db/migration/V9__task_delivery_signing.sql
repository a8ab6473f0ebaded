-- A task's own delivery settings (retries after the first attempt, the backoff between them and
-- its cap, the time one whole attempt may take) and its Standard Webhooks signing secrets, sealed
-- like the headers: "<current>" or "<current> <previous> <previous valid until, epoch ms>".
-- The four delivery columns are all set or all NULL; tasks stored before this version have NULL
-- (they follow the service's settings) and are sent unsigned until their secret is rotated.
ALTER TABLE tasks
    ADD COLUMN max_retries    TINYINT UNSIGNED NULL AFTER body_cipher,
    ADD COLUMN backoff_ms     INT UNSIGNED     NULL AFTER max_retries,
    ADD COLUMN max_backoff_ms INT UNSIGNED     NULL AFTER backoff_ms,
    ADD COLUMN timeout_ms     INT UNSIGNED     NULL AFTER max_backoff_ms,
    ADD COLUMN signing_cipher TEXT             NULL AFTER timeout_ms;
