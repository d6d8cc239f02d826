package io.hookgate.dispatcher.internals.http;

import io.hookgate.core.net.AddressPolicy;
import io.hookgate.core.net.IpLiteral;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP client's DNS hook for outbound webhooks: resolves a host, then keeps only public
 * addresses. It runs for every connection, so the address checked is the address connected to:
 * a name that re-resolves to a private address later (DNS rebinding) is refused then.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final DnsResolver delegate;

    public GuardedDnsResolver(final DnsResolver delegate) {
        this.delegate = delegate;
    }

    public static GuardedDnsResolver system() {
        return new GuardedDnsResolver(SystemDefaultDnsResolver.INSTANCE);
    }

    @Override
    public InetAddress[] resolve(final String host) throws UnknownHostException {
        final Optional<InetAddress> literal = IpLiteral.parse(host);
        final InetAddress[] candidates = literal.isPresent() ? new InetAddress[] {literal.get()} : delegate.resolve(host);
        final List<InetAddress> allowed = new ArrayList<>();
        String refusal = null;
        for (InetAddress address : candidates) {
            final Optional<String> reason = AddressPolicy.refusal(address);
            if (reason.isEmpty()) {
                allowed.add(address);
            } else {
                refusal = reason.get();
            }
        }
        if (allowed.isEmpty()) {
            throw new RefusedAddressException(host + " refused: " + (refusal == null ? "no address" : refusal));
        }
        return allowed.toArray(new InetAddress[0]);
    }

    @Override
    public String resolveCanonicalHostname(final String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }
}
