package com.coze.timer.http;

import com.coze.timer.domain.endpoint.CallbackTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The call-time half of the endpoint check (the product contract's §5): refuses a call whose host
 * is, or resolves to, an address {@link CallbackTargets#isForbidden} rejects.
 *
 * <p>OkHttp learns a target address in one of two ways, and the guard sits at both. For a host name
 * it asks its {@link Dns}: this one resolves through the system resolver and refuses the name if
 * <em>any</em> of its addresses is forbidden, so a name with one public and one private address
 * cannot be steered to the private one. For an address literal OkHttp skips the {@code Dns}
 * entirely, so the guard is also an application {@link Interceptor} that parses the literal (as
 * OkHttp does: no look-up) and checks it before a connection is sought. Redirects are not followed
 * by the sender, so no other host can slip in.
 */
final class PrivateTargetGuard implements Dns, Interceptor {

    /** OkHttp's own test for an address literal ({@code canParseAsIpAddress}). */
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
        for (InetAddress address : addresses) {
            if (CallbackTargets.isForbidden(address)) {
                throw new ForbiddenTargetException(hostname + " resolves to private address "
                        + address.getHostAddress() + "; private targets are not allowed");
            }
        }
        return addresses;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        checkLiteral(chain.request().url().host());
        return chain.proceed(chain.request());
    }

    private static void checkLiteral(String host) throws UnknownHostException {
        if (!ADDRESS_LITERAL.matcher(host).matches()) {
            return;
        }
        InetAddress address = InetAddress.getByName(host); // a literal: parsed, never resolved
        if (CallbackTargets.isForbidden(address)) {
            throw new ForbiddenTargetException("address " + address.getHostAddress()
                    + " is loopback, private or link-local; private targets are not allowed");
        }
    }
}
