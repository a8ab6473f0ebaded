package com.coze.timer.domain.task;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A task's Standard Webhooks signing secrets: the current one and, for {@link #OVERLAP} after a
 * rotation, the one it replaced, so that receivers can switch over without losing callbacks. A
 * secret is {@code whsec_} and the base64 of {@value #SECRET_BYTES} random bytes; the HMAC key is
 * those bytes. Never shown but in the answers that hand a new secret out; {@link #toString} hides them.
 */
public record Signing(Optional<String> current, Optional<String> previous, Optional<Instant> previousUntil) {

    public static final String PREFIX = "whsec_";
    public static final int SECRET_BYTES = 32;
    public static final Duration OVERLAP = Duration.ofHours(24);
    /** No secret (tasks created before signing existed, until rotated): callbacks go out unsigned. */
    public static final Signing NONE = new Signing(Optional.empty(), Optional.empty(), Optional.empty());
    private static final SecureRandom RANDOM = new SecureRandom();

    public Signing {
        if (previous.isPresent() != previousUntil.isPresent() || previous.isPresent() && current.isEmpty()) {
            throw new IllegalArgumentException("a previous secret needs a current one and an end");
        }
        current.ifPresent(Signing::requireSecret);
        previous.ifPresent(Signing::requireSecret);
    }

    /** A fresh secret. */
    public static Signing generate() {
        return new Signing(Optional.of(newSecret()), Optional.empty(), Optional.empty());
    }

    /** A fresh current secret; the one it replaces stays valid until {@code now + OVERLAP}. */
    public Signing rotate(Instant now) {
        return current.map(old -> new Signing(Optional.of(newSecret()), Optional.of(old), Optional.of(now.plus(OVERLAP))))
                .orElseGet(Signing::generate);
    }

    /** The secrets to sign with at {@code now}, newest first: none, one, or two during an overlap. */
    public List<String> secretsAt(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        current.ifPresent(secrets::add);
        previous.filter(old -> now.isBefore(previousUntil.orElseThrow())).ifPresent(secrets::add);
        return secrets;
    }

    /** The HMAC key of {@code secret}: the bytes after {@code whsec_}. */
    public static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "Signing[" + (current.isPresent() ? "secret" : "none") + previous.map(p -> ", previous until "
                + previousUntil.orElseThrow()).orElse("") + "]";
    }

    private static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    private static void requireSecret(String secret) {
        if (!secret.startsWith(PREFIX) || key(secret).length < 24) {
            throw new IllegalArgumentException("a signing secret is whsec_ and the base64 of at least 24 bytes");
        }
    }
}
