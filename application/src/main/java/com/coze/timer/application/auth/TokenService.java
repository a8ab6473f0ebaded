package com.coze.timer.application.auth;

import com.coze.timer.application.port.in.Authenticate;
import com.coze.timer.application.port.out.ApiTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Mints and checks API tokens. A token is 32 random bytes in URL-safe base64 behind a {@code ctk_}
 * prefix; only its SHA-256 hash is stored, so a leaked database yields no usable token.
 */
public final class TokenService implements Authenticate {

    private static final String PREFIX = "ctk_";
    private static final int MAX_TOKEN_LENGTH = 256;

    private final ApiTokens tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return tokens.findByHash(hash(bearerToken)).map(token -> new Caller(token.userId(), token.admin()));
    }

    /** Mints a new token for {@code userId} and returns its text, which is never stored. */
    public String mint(long userId, boolean admin, String label) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String text = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.save(new ApiToken(hash(text), userId, admin, Optional.ofNullable(label), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return text;
    }

    /** On a database without any token, mints the first admin token; empty otherwise. */
    public Optional<String> mintFirstAdminToken() {
        return tokens.count() == 0 ? Optional.of(mint(0, true, "first admin token")) : Optional.empty();
    }

    static String hash(String tokenText) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(tokenText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
