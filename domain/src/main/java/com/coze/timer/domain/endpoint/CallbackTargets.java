package com.coze.timer.domain.endpoint;

import com.coze.timer.domain.InvalidArgument;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where callbacks may go. An endpoint must be an absolute http or https URL with a host. Unless
 * private targets are allowed by configuration, addresses inside the service's own network are
 * refused: loopback, private (RFC 1918, IPv6 unique-local), link-local (which holds the cloud
 * metadata service, 169.254.169.254), carrier-grade NAT, unspecified and multicast.
 *
 * <p>The check runs twice: when a task is created, on the URL's host if it is an address literal
 * or a well-known local name (no DNS is done then); and when a call is made, on every address the
 * host name resolved to, so that a name pointing at a private address is refused too.
 */
public final class CallbackTargets {

    public static final int MAX_URL_LENGTH = 2048;
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+|.*:.*");

    private CallbackTargets() {
    }

    /** Parses and checks the syntax of an endpoint URL; errors name {@code http_endpoint}. */
    public static URI parse(String text) {
        InvalidArgument.require(text != null && !text.isBlank(), "http_endpoint", "http_endpoint is required");
        InvalidArgument.require(text.length() <= MAX_URL_LENGTH, "http_endpoint",
                "http_endpoint must not be longer than " + MAX_URL_LENGTH + " characters");
        try {
            URI uri = new URI(text.trim());
            requireAllowedUri(uri);
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidArgument("http_endpoint", "http_endpoint is not a valid URL: " + e.getMessage());
        }
    }

    /** Checks scheme, host and user-info of an endpoint; address checks are {@link #checkHost}'s. */
    public static void requireAllowedUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InvalidArgument.require(scheme.equals("http") || scheme.equals("https"), "http_endpoint",
                "http_endpoint must be an http or https URL");
        InvalidArgument.require(uri.getHost() != null && !uri.getHost().isEmpty(), "http_endpoint",
                "http_endpoint must name a host");
        InvalidArgument.require(uri.getRawUserInfo() == null, "http_endpoint",
                "http_endpoint must not carry credentials in the URL; use headers");
    }

    /**
     * Refuses, at creation time, a host that is an address literal in a forbidden range or a local
     * name such as {@code localhost}. Does no DNS.
     */
    public static void checkHost(URI uri, boolean allowPrivate) {
        if (allowPrivate) {
            return;
        }
        InvalidArgument.require(uri.getHost() != null, "http_endpoint", "http_endpoint must name a host");
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // "localhost." is the fully qualified "localhost"
        }
        boolean localName = host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.equals("metadata.google.internal") || host.endsWith(".internal");
        InvalidArgument.require(!localName, "http_endpoint",
                "http_endpoint host '" + host + "' is a local name; private targets are not allowed");
        literal(host).filter(CallbackTargets::isForbidden).ifPresent(address -> {
            throw new InvalidArgument("http_endpoint", "http_endpoint address " + address.getHostAddress()
                    + " is loopback, private or link-local; private targets are not allowed");
        });
    }

    /** True when calls to {@code address} are refused unless private targets are allowed. */
    public static boolean isForbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            return uniqueLocal || isForbiddenEmbeddedIpv4(b);
        }
        return false;
    }

    /** IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses are judged by the IPv4 inside. */
    private static boolean isForbiddenEmbeddedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0;
        if (!mapped && !compatible) {
            return false;
        }
        try {
            return isForbidden(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            return true;
        }
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
