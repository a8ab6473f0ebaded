package com.coze.timer.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.fakes.InMemoryApiTokens;
import com.coze.timer.application.fakes.ManualClock;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private final InMemoryApiTokens tokens = new InMemoryApiTokens();
    private final TokenService service = new TokenService(tokens, ManualClock.at("2026-04-22T10:00:00Z"));

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
}
