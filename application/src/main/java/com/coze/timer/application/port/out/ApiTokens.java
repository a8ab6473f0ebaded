package com.coze.timer.application.port.out;

import com.coze.timer.application.auth.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** API tokens, known only by the SHA-256 hash of their text. */
public interface ApiTokens {

    /** Stores a new token and returns it with the id the store gave it. */
    ApiToken save(ApiToken token);

    Optional<ApiToken> findByHash(String tokenHash);

    Optional<ApiToken> findById(long tokenId);

    /** Every token, or only {@code userId}'s, oldest first. */
    List<ApiToken> list(OptionalLong userId);

    /** Marks the token revoked at {@code at}; false if there is no such token or it was revoked already. */
    boolean revoke(long tokenId, Instant at);

    /** Records that the token was used at {@code at}. */
    void touch(long tokenId, Instant at);

    /** How many tokens exist (zero on a new database). */
    long count();
}
