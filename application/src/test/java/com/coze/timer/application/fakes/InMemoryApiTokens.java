package com.coze.timer.application.fakes;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.port.out.ApiTokens;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** API tokens in a map keyed by hash, as the real table is. */
public final class InMemoryApiTokens implements ApiTokens {

    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();

    @Override
    public void save(ApiToken token) {
        byHash.put(token.tokenHash(), token);
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash));
    }

    @Override
    public long count() {
        return byHash.size();
    }

    /** Everything stored, to check what a leaked table would reveal. */
    public List<ApiToken> all() {
        return List.copyOf(byHash.values());
    }
}
