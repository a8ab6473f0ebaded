package com.coze.timer.domain.endpoint;

import com.coze.timer.domain.InvalidArgument;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where callbacks may go. An endpoint must be an absolute http or https URL with a host. Unless
 * private targets are allowed by configuration, addresses inside the service's own network are
 * refused: every IANA special-purpose block that is not globally reachable (loopback, RFC 1918,
 * link-local with the cloud metadata service 169.254.169.254, carrier-grade NAT, benchmarking,
 * documentation, IPv6 unique-local…), multicast, and IPv6 forms that embed such an IPv4 address.
 *
 * <p>The check runs twice: when a task is created, on the URL's host if it is an address literal
 * or a well-known local name (no DNS is done then); and when a call is made, on every address the
 * host name resolved to, so that a name pointing at a private address is refused too.
 */
public final class CallbackTargets {

    public static final int MAX_URL_LENGTH = 2048;
    private static final String ENDPOINT = "http_endpoint";
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+|.*:.*");

    private CallbackTargets() {
    }

    /** Parses and checks the syntax of an endpoint URL; errors name {@code http_endpoint}. */
    public static URI parse(String text) {
        return parse(text, ENDPOINT);
    }

    /** Parses and checks the syntax of a target URL given in {@code field}; errors name that field. */
    public static URI parse(String text, String field) {
        InvalidArgument.require(text != null && !text.isBlank(), field, field + " is required");
        InvalidArgument.require(text.length() <= MAX_URL_LENGTH, field,
                field + " must not be longer than " + MAX_URL_LENGTH + " characters");
        try {
            URI uri = new URI(text.trim());
            requireAllowedUri(uri, field);
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidArgument(field, field + " is not a valid URL: " + e.getMessage());
        }
    }

    /** Checks scheme, host and user-info of an endpoint; address checks are {@link #checkHost}'s. */
    public static void requireAllowedUri(URI uri) {
        requireAllowedUri(uri, ENDPOINT);
    }

    /** {@link #requireAllowedUri(URI)} for a target given in {@code field}. */
    public static void requireAllowedUri(URI uri, String field) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InvalidArgument.require(scheme.equals("http") || scheme.equals("https"), field,
                field + " must be an http or https URL");
        InvalidArgument.require(uri.getHost() != null && !uri.getHost().isEmpty(), field,
                field + " must name a host");
        InvalidArgument.require(uri.getRawUserInfo() == null, field,
                field + " must not carry credentials in the URL; use headers");
        InvalidArgument.require(uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65_535), field,
                field + " port must be between 1 and 65535, not " + uri.getPort());
    }

    /**
     * Refuses, at creation time, a host that is an address literal in a forbidden range or a local
     * name such as {@code localhost}. Does no DNS.
     */
    public static void checkHost(URI uri, boolean allowPrivate) {
        checkHost(uri, allowPrivate, ENDPOINT);
    }

    /** {@link #checkHost(URI, boolean)} for a target given in {@code field}. */
    public static void checkHost(URI uri, boolean allowPrivate, String field) {
        if (allowPrivate) {
            return;
        }
        InvalidArgument.require(uri.getHost() != null, field, field + " must name a host");
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // "localhost." is the fully qualified "localhost"
        }
        boolean localName = host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.equals("metadata.google.internal") || host.endsWith(".internal");
        InvalidArgument.require(!localName, field,
                field + " host '" + host + "' is a local name; private targets are not allowed");
        literal(host).filter(CallbackTargets::isForbidden).ifPresent(address -> {
            throw new InvalidArgument(field, field + " address " + address.getHostAddress()
                    + " is not globally reachable (loopback, private, link-local or another special-purpose range);"
                    + " private targets are not allowed");
        });
    }

    /**
     * True when calls to {@code address} are refused unless private targets are allowed: the
     * address is in an IANA special-purpose block that is not globally reachable, is multicast, or
     * is an IPv6 form embedding an IPv4 address that is (see {@link SpecialPurposeAddresses}).
     */
    public static boolean isForbidden(InetAddress address) {
        return SpecialPurposeAddresses.isForbidden(address);
    }

    /** The address a host literal denotes, without any DNS look-up; empty for a host name. */
    private static Optional<InetAddress> literal(String host) {
        if (!NUMERIC_HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host)); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            throw new InvalidArgument("http_endpoint", "http_endpoint host '" + host + "' is not a valid address");
        }
    }
}
