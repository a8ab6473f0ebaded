package com.coze.timer.domain.task;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which callback headers carry secrets, and how they are shown: Authorization, Cookie and any header
 * whose name speaks of a token, key, secret, password, session or signature. Their values are never
 * echoed back; only the scheme word of an Authorization or Proxy-Authorization value (e.g. {@code Bearer}) is
 * kept.
 */
public final class SecretHeaders {

    public static final String MASK = "******";
    private static final Set<String> AUTHORIZATION_NAMES = Set.of("authorization", "proxy-authorization");
    private static final Set<String> SECRET_NAMES = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final String[] SECRET_WORDS = {"token", "key", "secret", "password", "passwd", "session", "signature",
        "credential", "auth"};

    private SecretHeaders() {
    }

    public static boolean isSecret(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        if (SECRET_NAMES.contains(name)) {
            return true;
        }
        for (String word : SECRET_WORDS) {
            if (name.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code headers} with every secret value masked. */
    public static Map<String, String> mask(Map<String, String> headers) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, isSecret(name) ? maskValue(name, value) : value));
        return shown;
    }

    private static String maskValue(String name, String value) {
        if (!AUTHORIZATION_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            return MASK; // only an Authorization value starts with a scheme word; elsewhere the first word may be secret
        }
        int space = value.indexOf(' ');
        boolean hasScheme = space > 0 && space < 16 && value.substring(0, space).chars().allMatch(Character::isLetter);
        return hasScheme ? value.substring(0, space) + " " + MASK : MASK;
    }
}
