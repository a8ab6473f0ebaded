package com.coze.timer.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short texts (callback headers and bodies) for storage with AES-256-GCM, so that a copy of
 * the database does not give away the credentials they carry (SPEC §5).
 *
 * <p>Format: base64 of {@code version (1 byte, = 1) || IV (12 random bytes) || ciphertext || tag (16 bytes)}.
 * A fresh IV is drawn for every value. The caller passes a {@code context} (e.g. the task id and
 * column) as additional authenticated data: a sealed value copied into another row or column no
 * longer opens. The version byte leaves room for a later key rotation.
 *
 * <p>The key comes from configuration, never from the repository. Thread-safe: a call takes a
 * {@link Cipher} from a small pool (or makes one) and gives it back after use; a listing opened
 * three values per task, and {@code Cipher.getInstance} was half of each.
 */
final class SecretBox {

    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private static final int POOLED_CIPHERS = 64;

    private final SecureRandom random = new SecureRandom();
    private final Queue<Cipher> ciphers = new ConcurrentLinkedQueue<>();

    SecretBox(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the encryption key must be " + KEY_BYTES + " bytes (AES-256), not "
                    + (key == null ? "missing" : key.length + " bytes"));
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Encrypts {@code plaintext}, bound to {@code context}. */
    String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            giveBack(cipher);
            ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed);
            return Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same {@code context}; throws {@link IllegalStateException}
     * when the text is not in this format, was made with another key or context, or was altered.
     */
    String open(String sealedText, String context) {
        byte[] bytes = decodeBase64(sealedText);
        if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new IllegalStateException("not a sealed value of format version " + VERSION);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(bytes, 1, 1 + IV_BYTES), context);
            byte[] plain = cipher.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES);
            giveBack(cipher);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed value does not open with this key (or was altered)", e);
        }
    }

    /** A cipher initialised afresh: every use sets its mode, key, IV and context again. */
    private Cipher cipher(int mode, byte[] iv, String context) throws GeneralSecurityException {
        Cipher pooled = ciphers.poll();
        Cipher cipher = pooled != null ? pooled : Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** Only after a use that succeeded; one that threw is dropped, whatever state it was left in. */
    private void giveBack(Cipher cipher) {
        if (ciphers.size() < POOLED_CIPHERS) {
            ciphers.offer(cipher);
        }
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sealed value is not base64", e);
        }
    }
}
