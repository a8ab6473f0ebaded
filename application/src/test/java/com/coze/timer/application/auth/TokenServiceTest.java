package com.coze.timer.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryApiTokens;
import com.coze.timer.application.fakes.ManualClock;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private final InMemoryApiTokens tokens = new InMemoryApiTokens();
    private final ManualClock clock = ManualClock.at("2026-04-22T10:00:00Z");
    private final TokenService service = new TokenService(tokens, clock);
    private final TokenService otherInstance = new TokenService(tokens, clock);

    @Test
    void aMintedTokenAuthenticatesAsItsUser() {
        String token = service.mint(1001, false, "ci");

        assertThat(service.authenticate(token)).contains(new Caller(1001, false));
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        String token = service.mint(1001, false, "ci");

        ApiToken stored = tokens.all().getFirst();
        assertThat(stored.tokenHash()).hasSize(64).doesNotContain(token).isNotEqualTo(token);
        assertThat(stored.toString()).doesNotContain(token.substring(4));
        assertThat(token).startsWith("ctk_");
    }

    @Test
    void everyMintedTokenIsDifferent() {
        assertThat(service.mint(1001, false, null)).isNotEqualTo(service.mint(1001, false, null));
    }

    @Test
    void anUnknownEmptyOrOverlongTokenIsRefused() {
        service.mint(1001, false, "ci");

        assertThat(service.authenticate("ctk_unknown")).isEmpty();
        assertThat(service.authenticate("")).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
        assertThat(service.authenticate("x".repeat(257))).isEmpty();
    }

    @Test
    void theFirstAdminTokenIsMintedOnlyOnAnEmptyStore() {
        String admin = service.mintFirstAdminToken().orElseThrow();

        assertThat(service.authenticate(admin)).contains(new Caller(0, true));
        assertThat(service.mintFirstAdminToken()).isEmpty();
    }

    @Test
    void anAdminActsForAnyUserAndAUserOnlyForItself() {
        assertThat(new Caller(0, true).mayActFor(2002)).isTrue();
        assertThat(new Caller(1001, false).mayActFor(1001)).isTrue();
        assertThat(new Caller(1001, false).mayActFor(2002)).isFalse();
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceHereAndWithinOneSecondOnAnotherInstanceThatCachedIt() {
        String token = service.mint(1001, false, "ci");
        assertThat(otherInstance.authenticate(token)).isPresent(); // now cached there
        long id = tokens.all().getFirst().tokenId();

        assertThat(service.revoke(new Caller(1001, false), id).isOk()).isTrue();

        assertThat(service.authenticate(token)).isEmpty();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(otherInstance.authenticate(token)).isEmpty();
        assertThat(TokenService.CACHE_TTL).isLessThan(java.time.Duration.ofSeconds(1));
    }

    @Test
    void aTokenWithALifetimeIsRefusedFromItsExpiryOnEvenWhenCached() {
        String token = service.mint(1001, false, "ci", java.util.Optional.of(java.time.Duration.ofDays(30)));
        assertThat(service.authenticate(token)).isPresent();

        clock.advance(java.time.Duration.ofDays(30).minusMillis(1));
        assertThat(service.authenticate(token)).isPresent();
        clock.advance(java.time.Duration.ofMillis(1));
        assertThat(service.authenticate(token)).isEmpty();
        assertThat(tokens.all().getFirst().expiresAt()).contains(java.time.Instant.parse("2026-05-22T10:00:00Z"));
    }

    @Test
    void aUserListsAndRevokesOnlyItsOwnTokensAndAnAdminAny() {
        service.mint(1001, false, "mine");
        service.mint(2002, false, "theirs");
        long theirs = tokens.list(java.util.OptionalLong.of(2002)).getFirst().tokenId();
        Caller user = new Caller(1001, false);

        assertThat(service.list(user, java.util.OptionalLong.empty()).orElseThrow()).extracting(ApiToken::userId).containsOnly(1001L);
        assertThat(service.list(user, java.util.OptionalLong.of(2002)).isOk()).isFalse();
        assertThat(service.revoke(user, theirs).isOk()).isFalse();
        assertThat(service.list(new Caller(0, true), java.util.OptionalLong.empty()).orElseThrow()).hasSize(2);
        assertThat(service.revoke(new Caller(0, true), theirs).orElseThrow().revokedAt()).isPresent();
    }

    @Test
    void useIsRecordedAtMostOnceAMinute() {
        String token = service.mint(1001, false, "ci");
        service.authenticate(token);
        java.time.Instant first = tokens.all().getFirst().lastUsedAt().orElseThrow();

        clock.advance(java.time.Duration.ofSeconds(30));
        service.authenticate(token);
        assertThat(tokens.all().getFirst().lastUsedAt()).contains(first);
        clock.advance(java.time.Duration.ofSeconds(31));
        service.authenticate(token);
        assertThat(tokens.all().getFirst().lastUsedAt()).contains(first.plusSeconds(61));
    }
}
