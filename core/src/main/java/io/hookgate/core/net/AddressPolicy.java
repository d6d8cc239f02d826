package io.hookgate.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an outbound webhook may connect to an address: public unicast addresses only.
 * Loopback, unspecified, private, link-local, CGNAT, multicast, broadcast, documentation and
 * cloud-metadata addresses are refused, also when embedded in IPv6 (IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4) and Teredo.
 */
public final class AddressPolicy {

    private record Range(CidrBlock block, String label) {
    }

    private static final List<Range> BLOCKED = List.of(
        range("0.0.0.0/8", "unspecified"),
        range("10.0.0.0/8", "private"),
        range("100.64.0.0/10", "carrier-grade NAT"),
        range("127.0.0.0/8", "loopback"),
        range("169.254.0.0/16", "link-local (cloud metadata)"),
        range("172.16.0.0/12", "private"),
        range("192.0.0.0/24", "IETF protocol assignments"),
        range("192.0.2.0/24", "documentation"),
        range("192.88.99.0/24", "6to4 relay"),
        range("192.168.0.0/16", "private"),
        range("198.18.0.0/15", "benchmarking"),
        range("198.51.100.0/24", "documentation"),
        range("203.0.113.0/24", "documentation"),
        range("224.0.0.0/4", "multicast"),
        range("240.0.0.0/4", "reserved or broadcast"),
        range("::/128", "unspecified"),
        range("::1/128", "loopback"),
        range("64:ff9b:1::/48", "local-use NAT64"),
        range("100::/64", "discard-only"),
        range("2001::/32", "Teredo"),
        range("2001:db8::/32", "documentation"),
        range("fc00::/7", "unique local (private)"),
        range("fe80::/10", "link-local"),
        range("fec0::/10", "site-local"),
        range("ff00::/8", "multicast"));

    private static final CidrBlock IPV4_COMPATIBLE = CidrBlock.parse("::/96");
    private static final CidrBlock NAT64 = CidrBlock.parse("64:ff9b::/96");
    private static final CidrBlock SIX_TO_FOUR = CidrBlock.parse("2002::/16");

    private AddressPolicy() {
    }

    private static Range range(final String cidr, final String label) {
        return new Range(CidrBlock.parse(cidr), label);
    }

    /** Why {@code address} must not be connected to, or empty when it is a public address. */
    public static Optional<String> refusal(final InetAddress address) {
        for (Range range : BLOCKED) {
            if (range.block().contains(address)) {
                return Optional.of(address.getHostAddress() + " is a " + range.label() + " address");
            }
        }
        if (address instanceof Inet6Address) {
            final byte[] bytes = address.getAddress();
            // The JDK unwraps IPv4-mapped literals, but an Inet6Address built from bytes keeps them.
            if (IPV4_COMPATIBLE.contains(address) || isIpv4Mapped(bytes) || NAT64.contains(address)) {
                return embedded(address, bytes, 12);
            }
            if (SIX_TO_FOUR.contains(address)) {
                return embedded(address, bytes, 2);
            }
        }
        return Optional.empty();
    }

    private static boolean isIpv4Mapped(final byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private static Optional<String> embedded(final InetAddress outer, final byte[] bytes, final int offset) {
        final byte[] v4 = java.util.Arrays.copyOfRange(bytes, offset, offset + 4);
        try {
            final InetAddress inner = Inet4Address.getByAddress(v4);
            return refusal(inner).map(reason -> outer.getHostAddress() + " embeds " + reason);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }
}
