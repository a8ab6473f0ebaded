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

    /**
     * {@code text} (a response body, say) with every secret value of {@code headers} masked wherever
     * it appears: whole, as its credential after an Authorization scheme word, and as JSON escapes it.
     * Values shorter than 4 characters are left alone: they could not be told from ordinary text.
     */
    public static String redactIn(String text, Map<String, String> headers) {
        String redacted = text;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (isSecret(header.getKey())) {
                for (String secret : secretForms(header.getValue())) {
                    redacted = redacted.replace(secret, MASK);
                }
            }
        }
        return redacted;
    }

    private static java.util.List<String> secretForms(String value) {
        java.util.List<String> forms = new java.util.ArrayList<>();
        int space = value.indexOf(' ');
        String credential = space > 0 ? value.substring(space + 1).trim() : value;
        for (String form : new String[] {value, credential}) {
            if (form.length() >= 4) {
                forms.add(form);
                String escaped = form.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
                if (!escaped.equals(form)) {
                    forms.add(escaped);
                    forms.add(form.replace("\\", "\\\\").replace("\"", "\\\""));
                }
            }
        }
        return forms;
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
