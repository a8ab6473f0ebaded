package com.coze.timer.domain.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningTest {

    private static final Instant NOW = Instant.parse("2026-04-22T10:00:00Z");

    @Test
    void aNewSecretIsWhsecAndTheBase64OfAtLeast24RandomBytes() {
        Signing signing = Signing.generate();

        String secret = signing.current().orElseThrow();
        assertThat(secret).startsWith("whsec_");
        assertThat(Signing.key(secret)).hasSizeGreaterThanOrEqualTo(24);
        assertThat(Signing.generate().current()).isNotEqualTo(signing.current());
        assertThat(signing.secretsAt(NOW)).containsExactly(secret);
    }

    @Test
    void afterARotationBothSecretsSignFor24HoursNewestFirst() {
        Signing old = Signing.generate();
        Signing rotated = old.rotate(NOW);

        assertThat(rotated.previous()).isEqualTo(old.current());
        assertThat(rotated.secretsAt(NOW.plus(Duration.ofHours(23))))
                .containsExactly(rotated.current().orElseThrow(), old.current().orElseThrow());
        assertThat(rotated.secretsAt(NOW.plus(Signing.OVERLAP))).containsExactly(rotated.current().orElseThrow());
    }

    @Test
    void aSecondRotationDropsTheOldestSecret() {
        Signing once = Signing.generate().rotate(NOW);
        Signing twice = once.rotate(NOW.plusSeconds(60));

        assertThat(twice.previous()).isEqualTo(once.current());
        assertThat(twice.secretsAt(NOW.plusSeconds(61))).hasSize(2).doesNotContain(once.previous().orElseThrow());
    }

    @Test
    void aTaskWithoutASecretGetsOneWhenRotatedAndSignsWithNothingBefore() {
        assertThat(Signing.NONE.secretsAt(NOW)).isEmpty();
        Signing first = Signing.NONE.rotate(NOW);
        assertThat(first.current()).isPresent();
        assertThat(first.previous()).isEmpty();
    }

    @Test
    void theSecretsNeverShowInText() {
        Signing signing = Signing.generate().rotate(NOW);

        assertThat(signing.toString()).doesNotContain(signing.current().orElseThrow())
                .doesNotContain(signing.previous().orElseThrow());
        assertThat(new Callback(java.net.URI.create("https://example.com/x"), HttpMethod.POST, java.util.Map.of(),
                Optional.empty()).withSigning(signing).toString()).doesNotContain(signing.current().orElseThrow());
    }
}
