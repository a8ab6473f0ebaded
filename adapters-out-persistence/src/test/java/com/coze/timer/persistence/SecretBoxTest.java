package com.coze.timer.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String CONTEXT = "tasks/550e8400-e29b-41d4-a716-446655440000/headers_cipher";
    private final SecretBox box = new SecretBox(key((byte) 7));

    @Test
    void aSealedTextOpensToTheOriginal() {
        String secret = "{\"Authorization\":\"Bearer s3cr3t\",\"X-Name\":\"ünïcødé ✓\"}";

        assertThat(box.open(box.seal(secret, CONTEXT), CONTEXT)).isEqualTo(secret);
    }

    @Test
    void anEmptyTextSealsAndOpens() {
        assertThat(box.open(box.seal("", CONTEXT), CONTEXT)).isEmpty();
    }

    @Test
    void theSameTextSealsDifferentlyEachTime() {
        assertThat(box.seal("same", CONTEXT)).isNotEqualTo(box.seal("same", CONTEXT));
    }

    @Test
    void theSealedFormIsVersionOneThenIvThenCiphertextAndTag() {
        byte[] sealed = Base64.getDecoder().decode(box.seal("12345", CONTEXT));

        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 12 + 5 + 16);
    }

    @Test
    void anAlteredCiphertextDoesNotOpen() {
        byte[] sealed = Base64.getDecoder().decode(box.seal("Bearer s3cr3t", CONTEXT));
        sealed[sealed.length - 20] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> box.open(tampered, CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesSealedAndOpenedOneAfterAnotherWithFailuresBetweenStayIntact() {
        String other = "tasks/550e8400-e29b-41d4-a716-446655440000/body_cipher";
        for (int i = 0; i < 200; i++) {
            String text = "value " + i;
            String own = i % 2 == 0 ? CONTEXT : other;
            String wrong = i % 2 == 0 ? other : CONTEXT;
            String sealed = box.seal(text, own);
            if (i % 3 == 0) {
                assertThatThrownBy(() -> box.open(sealed, wrong)).isInstanceOf(IllegalStateException.class);
            }
            assertThat(box.open(sealed, own)).isEqualTo(text);
        }
    }

    @Test
    void manyThreadsSealAndOpenAtOnce() throws Exception {
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var results = java.util.stream.IntStream.range(0, 2_000)
                    .mapToObj(i -> threads.submit(() -> box.open(box.seal("secret " + i, CONTEXT), CONTEXT).equals("secret " + i)))
                    .toList();
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void anotherKeyCannotOpen() {
        String sealed = box.seal("Bearer s3cr3t", CONTEXT);

        assertThatThrownBy(() -> new SecretBox(key((byte) 8)).open(sealed, CONTEXT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open with this key");
    }

    @Test
    void aValueSealedForAnotherRowOrColumnDoesNotOpen() {
        String sealed = box.seal("Bearer s3cr3t", CONTEXT);

        assertThatThrownBy(() -> box.open(sealed, CONTEXT.replace("headers", "body"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void textThatWasNeverSealedDoesNotOpen() {
        assertThatThrownBy(() -> box.open("{\"Authorization\":\"x\"}", CONTEXT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("AAAA", CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyThatIsNot256BitsIsRefused() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return key;
    }
}
