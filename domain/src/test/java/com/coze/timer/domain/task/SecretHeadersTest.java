package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretHeadersTest {

    @Test
    void givenABearerToken_thenOnlyTheSchemeIsShown() {
        assertThat(SecretHeaders.mask(Map.of("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.secret")))
                .containsExactly(Map.entry("Authorization", "Bearer ******"));
    }

    @Test
    void givenBasicCredentials_thenOnlyTheSchemeIsShown() {
        assertThat(SecretHeaders.mask(Map.of("Authorization", "Basic dXNlcjpwYXNz")))
                .containsEntry("Authorization", "Basic ******");
    }

    @Test
    void givenAnAuthorizationValueWithoutAScheme_thenAllOfItIsMasked() {
        assertThat(SecretHeaders.mask(Map.of("Authorization", "s3cr3t-token"))).containsEntry("Authorization", "******");
    }

    @Test
    void givenTheSeedsTemplatedToken_thenItIsMaskedLikeAnyBearerToken() {
        assertThat(SecretHeaders.mask(Map.of("Authorization", "Bearer {service_token}")))
                .containsEntry("Authorization", "Bearer ******");
    }

    @Test
    void givenAHeaderNameInAnyCase_thenItIsStillRecognisedAsSecret() {
        assertThat(SecretHeaders.mask(Map.of("authorization", "Bearer abc"))).containsEntry("authorization", "Bearer ******");
        assertThat(SecretHeaders.mask(Map.of("X-API-KEY", "abc"))).containsEntry("X-API-KEY", "******");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cookie", "X-Api-Key", "X-Auth-Token", "Proxy-Authorization", "X-Client-Secret", "Api-Password",
        "X-Session-Id", "X-Hub-Signature", "Set-Cookie"})
    void givenASecretHeader_thenItsValueIsMasked(String name) {
        assertThat(SecretHeaders.isSecret(name)).isTrue();
        assertThat(SecretHeaders.mask(Map.of(name, "abc123"))).containsEntry(name, "******");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cookie", "X-Api-Key", "X-Auth-Token"})
    void givenASecretHeaderOtherThanAuthorizationWhoseValueHasASpace_thenNoPartOfItIsShown(String name) {
        assertThat(SecretHeaders.mask(Map.of(name, "firstpart secondpart"))).containsEntry(name, "******");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "Accept", "User-Agent", "X-Request-Id"})
    void givenAnOrdinaryHeader_thenItsValueIsShownAsIs(String name) {
        assertThat(SecretHeaders.isSecret(name)).isFalse();
        assertThat(SecretHeaders.mask(Map.of(name, "application/json"))).containsEntry(name, "application/json");
    }

    @Test
    void maskingKeepsTheOrderOfTheHeadersAndLeavesTheOriginalAlone() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer abc");
        headers.put("X-Api-Key", "k-123");

        Map<String, String> shown = SecretHeaders.mask(headers);

        assertThat(shown).containsExactly(Map.entry("Content-Type", "application/json"),
                Map.entry("Authorization", "Bearer ******"), Map.entry("X-Api-Key", "******"));
        assertThat(headers).containsEntry("Authorization", "Bearer abc");
    }

    @Test
    void givenAnEmptySecretValue_thenItIsMasked() {
        assertThat(SecretHeaders.mask(Map.of("Authorization", ""))).containsEntry("Authorization", "******");
    }
}
