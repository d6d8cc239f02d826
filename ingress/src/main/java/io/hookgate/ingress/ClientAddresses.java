package io.hookgate.ingress;

import io.hookgate.core.net.CidrBlock;
import io.hookgate.core.net.IpLiteral;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client that sent a request. {@code X-Forwarded-For} is believed only when
 * the peer is a trusted proxy; then the client is the right-most forwarded address that is not
 * itself a trusted proxy. Anything unreadable falls back to the peer.
 */
final class ClientAddresses {

    private final List<CidrBlock> trustedProxies;

    ClientAddresses(final List<CidrBlock> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    InetAddress resolve(final InetAddress peer, final List<String> forwardedFor) {
        if (trustedProxies.isEmpty() || !isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        InetAddress client = peer;
        for (int header = forwardedFor.size() - 1; header >= 0; header--) {
            final String[] hops = forwardedFor.get(header).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                final Optional<InetAddress> hop = IpLiteral.parse(hops[i].trim());
                if (hop.isEmpty()) {
                    return client;
                }
                client = hop.get();
                if (!isTrusted(client)) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean isTrusted(final InetAddress address) {
        return trustedProxies.stream().anyMatch(block -> block.contains(address));
    }
}
