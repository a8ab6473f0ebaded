package com.coze.timer.domain.task;

import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.endpoint.CallbackTargets;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HTTP request a task sends when it fires: endpoint, method, the user's headers and an optional
 * JSON body (as text), how hard it is tried ({@link Delivery}; none: as the sender is set up) and the
 * secrets it is signed with ({@link Signing}). Validated on construction; the headers keep the user's order.
 */
public record Callback(URI endpoint, HttpMethod method, Map<String, String> headers, Optional<String> body,
                       Optional<Delivery> delivery, Signing signing) {

    /** Upper bound of all header names and values together. */
    public static final int MAX_HEADERS_BYTES = 16 * 1024;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the service sets itself, which a task may not override. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "te", "trailer", "keep-alive", "proxy-connection", "webhook-id", "webhook-timestamp", "webhook-signature");

    public Callback {
        InvalidArgument.require(endpoint != null, "http_endpoint", "http_endpoint is required");
        CallbackTargets.requireAllowedUri(endpoint);
        method = method == null ? HttpMethod.POST : method;
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        body = body == null ? Optional.empty() : body;
        delivery = delivery == null ? Optional.empty() : delivery;
        signing = signing == null ? Signing.NONE : signing;
        validateHeaders(headers);
    }

    /** A request sent as the sender is set up, unsigned. */
    public Callback(URI endpoint, HttpMethod method, Map<String, String> headers, Optional<String> body) {
        this(endpoint, method, headers, body, Optional.empty(), Signing.NONE);
    }

    public Callback withDelivery(Delivery newDelivery) {
        return new Callback(endpoint, method, headers, body, Optional.of(newDelivery), signing);
    }

    public Callback withSigning(Signing newSigning) {
        return new Callback(endpoint, method, headers, body, delivery, newSigning);
    }

    private static void validateHeaders(Map<String, String> headers) {
        int bytes = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            String field = "headers." + name;
            InvalidArgument.require(name != null && HEADER_NAME.matcher(name).matches(), "headers",
                    "headers: '" + name + "' is not a valid HTTP header name");
            String lower = name.toLowerCase(Locale.ROOT);
            InvalidArgument.require(!RESERVED.contains(lower) && !lower.startsWith("x-timer-"), field,
                    "headers: '" + name + "' is set by the service and cannot be given");
            String value = h.getValue();
            InvalidArgument.require(value != null, field, field + " must be a string");
            InvalidArgument.require(value.chars().allMatch(Callback::isSendable), field,
                    "headers: the value of '" + name + "' may hold only visible ASCII characters, spaces and tabs");
            bytes += name.length() + value.length();
        }
        InvalidArgument.require(bytes <= MAX_HEADERS_BYTES, "headers", "headers must not exceed " + MAX_HEADERS_BYTES + " bytes");
    }

    /** Whether the callback client can send {@code c} in a header value (RFC 9110 field-vchar, space, tab; ASCII only). */
    private static boolean isSendable(int c) {
        return c == '\t' || c >= 0x20 && c <= 0x7e;
    }

    /** The headers as shown to users: secret values masked (see {@link SecretHeaders}). */
    public Map<String, String> maskedHeaders() {
        return SecretHeaders.mask(headers);
    }
}
