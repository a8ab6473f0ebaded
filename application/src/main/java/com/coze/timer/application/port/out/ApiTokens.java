package com.coze.timer.application.port.out;

import com.coze.timer.application.auth.ApiToken;
import java.util.Optional;

/** API tokens, known only by the SHA-256 hash of their text. */
public interface ApiTokens {

    void save(ApiToken token);

    Optional<ApiToken> findByHash(String tokenHash);

    /** How many tokens exist (zero on a new database). */
    long count();
}
