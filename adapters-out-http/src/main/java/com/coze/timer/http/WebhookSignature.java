package com.coze.timer.http;

import com.coze.timer.domain.task.Signing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} value of the Standard Webhooks specification: for each secret,
 * {@code v1,} and the base64 of HMAC-SHA256 over {@code "<webhook-id>.<webhook-timestamp>.<body>"}
 * keyed with the secret's bytes; several signatures are separated by spaces, newest first.
 *
 * <p>Each thread keeps one {@link Mac}, initialised afresh with each key: {@code Mac.getInstance}
 * looks the provider up on every call, which was most of a signature's cost.
 */
final class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(WebhookSignature::newMac);

    private WebhookSignature() {
    }

    static String of(List<String> secrets, String id, long timestampSeconds, byte[] body) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        return secrets.stream().map(secret -> "v1," + sign(Signing.key(secret), prefix, body))
                .collect(Collectors.joining(" "));
    }

    private static String sign(byte[] key, byte[] prefix, byte[] body) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 refused its key: " + e.getMessage(), e);
        }
        mac.update(prefix);
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }
}
