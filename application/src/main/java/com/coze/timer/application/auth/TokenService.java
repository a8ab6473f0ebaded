package com.coze.timer.application.auth;

import com.coze.timer.application.port.in.Authenticate;
import com.coze.timer.application.port.in.ManageTokens;
import com.coze.timer.application.port.out.ApiTokens;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints, checks, lists and revokes API tokens. A token is 32 random bytes in URL-safe base64
 * behind a {@code ctk_} prefix; only its SHA-256 hash is stored, so a leaked database yields no
 * usable token.
 *
 * <p>Looked-up tokens are cached for at most {@link #CACHE_TTL} (half a second), and the expiry of
 * a cached token is checked against the clock on every use: a token revoked on any instance (in
 * the database they share) is refused everywhere within that time, an expired one at once.
 * Revoking through this instance drops its cache entry immediately. Last use is written at most
 * once a minute per token. Thread-safe: the cache is a concurrent map, the rest is immutable.
 */
public final class TokenService implements Authenticate, ManageTokens {

    /** How long a looked-up token is trusted before the database is asked again. */
    public static final Duration CACHE_TTL = Duration.ofMillis(500);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final String PREFIX = "ctk_";
    private static final int MAX_TOKEN_LENGTH = 256;
    private static final int MAX_CACHED = 10_000;

    private final ApiTokens tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TokenService(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> token = lookUp(hash(bearerToken), now).filter(t -> t.isUsableAt(now));
        token.ifPresent(t -> touch(t, now));
        return token.map(t -> new Caller(t.userId(), t.admin()));
    }

    /** Mints a new token for {@code userId} that never expires, and returns its text, which is never stored. */
    public String mint(long userId, boolean admin, String label) {
        return mint(userId, admin, label, Optional.empty());
    }

    /** Mints a new token for {@code userId}, usable for {@code lifetime} if given, and returns its text. */
    public String mint(long userId, boolean admin, String label, Optional<Duration> lifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String text = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        tokens.save(ApiToken.fresh(hash(text), userId, admin, Optional.ofNullable(label), now, lifetime.map(now::plus)));
        return text;
    }

    /** On a database without any token, mints the first admin token; empty otherwise. */
    public Optional<String> mintFirstAdminToken() {
        return tokens.count() == 0 ? Optional.of(mint(0, true, "first admin token")) : Optional.empty();
    }

    @Override
    public Result<List<ApiToken>> list(Caller caller, OptionalLong userId) {
        if (userId.isEmpty()) {
            return Result.ok(tokens.list(caller.admin() ? OptionalLong.empty() : OptionalLong.of(caller.userId())));
        }
        return caller.mayActFor(userId.getAsLong())
                ? Result.ok(tokens.list(userId))
                : Result.rejected(Rejection.forbidden("token does not belong to user " + userId.getAsLong(), "user_id"));
    }

    @Override
    public Result<ApiToken> revoke(Caller caller, long tokenId) {
        Optional<ApiToken> token = tokens.findById(tokenId).filter(t -> caller.mayActFor(t.userId()));
        if (token.isEmpty()) {
            return Result.rejected(Rejection.notFound("token " + tokenId));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        tokens.revoke(tokenId, now);
        cache.remove(token.get().tokenHash());
        return Result.ok(tokens.findById(tokenId).orElseThrow());
    }

    private Optional<ApiToken> lookUp(String hash, Instant now) {
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.token());
        }
        Optional<ApiToken> found = tokens.findByHash(hash);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        found.ifPresentOrElse(t -> cache.put(hash, new Cached(t, now.plus(CACHE_TTL))), () -> cache.remove(hash));
        return found;
    }

    private void touch(ApiToken token, Instant now) {
        boolean stale = token.lastUsedAt().map(last -> !now.isBefore(last.plus(TOUCH_EVERY))).orElse(true);
        if (stale) {
            Instant at = now.truncatedTo(ChronoUnit.MILLIS);
            tokens.touch(token.tokenId(), at);
            cache.computeIfPresent(token.tokenHash(), (hash, entry) -> new Cached(token.withLastUsedAt(at), entry.until()));
        }
    }

    static String hash(String tokenText) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(tokenText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Cached(ApiToken token, Instant until) {
    }
}
