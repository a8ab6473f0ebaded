package com.coze.timer.application.fakes;

import com.coze.timer.application.auth.ApiToken;
import com.coze.timer.application.port.out.ApiTokens;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** API tokens in a map keyed by hash, as the real table is; ids count up from 1. */
public final class InMemoryApiTokens implements ApiTokens {

    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public ApiToken save(ApiToken token) {
        ApiToken stored = token.withTokenId(ids.incrementAndGet());
        byHash.put(token.tokenHash(), stored);
        return stored;
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash));
    }

    @Override
    public Optional<ApiToken> findById(long tokenId) {
        return byHash.values().stream().filter(t -> t.tokenId() == tokenId).findFirst();
    }

    @Override
    public List<ApiToken> list(OptionalLong userId) {
        return byHash.values().stream().filter(t -> userId.isEmpty() || t.userId() == userId.getAsLong())
                .sorted(Comparator.comparingLong(ApiToken::tokenId)).toList();
    }

    @Override
    public synchronized boolean revoke(long tokenId, Instant at) {
        Optional<ApiToken> token = findById(tokenId).filter(t -> t.revokedAt().isEmpty());
        token.ifPresent(t -> byHash.put(t.tokenHash(), t.withRevokedAt(at)));
        return token.isPresent();
    }

    @Override
    public synchronized void touch(long tokenId, Instant at) {
        findById(tokenId).ifPresent(t -> byHash.put(t.tokenHash(), t.withLastUsedAt(at)));
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
