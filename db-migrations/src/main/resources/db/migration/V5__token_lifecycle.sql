-- Tokens get a short id to list and revoke them by, an optional expiry, a revocation time (a revoked
-- token stays listed, and is refused), and the time it was last used (written at most once a minute).
-- Existing tokens are numbered in turn, never expire, and have not been used yet as far as is known.
ALTER TABLE api_tokens
    ADD COLUMN token_id     BIGINT      NOT NULL AUTO_INCREMENT UNIQUE FIRST,
    ADD COLUMN expires_at   DATETIME(3) NULL,
    ADD COLUMN revoked_at   DATETIME(3) NULL,
    ADD COLUMN last_used_at DATETIME(3) NULL;
