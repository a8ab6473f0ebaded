package com.coze.timer.application.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored API token: its id (assigned by the store; 0 before it is stored), the hash of its text,
 * whose user it acts for, whether it is an admin's, and its life: created, last used (to the
 * minute), expiry and revocation. The token text itself is never stored.
 */
public record ApiToken(long tokenId, String tokenHash, long userId, boolean admin, Optional<String> label, Instant createdAt,
                       Optional<Instant> expiresAt, Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {

    /** A token about to be stored: no id yet, never used, not revoked. */
    public static ApiToken fresh(String tokenHash, long userId, boolean admin, Optional<String> label, Instant createdAt,
                                 Optional<Instant> expiresAt) {
        return new ApiToken(0, tokenHash, userId, admin, label, createdAt, expiresAt, Optional.empty(), Optional.empty());
    }

    public ApiToken withTokenId(long id) {
        return new ApiToken(id, tokenHash, userId, admin, label, createdAt, expiresAt, revokedAt, lastUsedAt);
    }

    public ApiToken withRevokedAt(Instant at) {
        return new ApiToken(tokenId, tokenHash, userId, admin, label, createdAt, expiresAt, Optional.of(at), lastUsedAt);
    }

    public ApiToken withLastUsedAt(Instant at) {
        return new ApiToken(tokenId, tokenHash, userId, admin, label, createdAt, expiresAt, revokedAt, Optional.of(at));
    }

    /** Whether the token may authenticate at {@code now}: not revoked, and not expired. */
    public boolean isUsableAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
