package io.hookgate.ingress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What a client is rate limited by: an IPv4 address as itself; an IPv6 address by its /64 prefix,
 * the smallest block a network is usually given, so that rotating addresses within it does not escape
 * the limit; an IPv4-mapped IPv6 address as the IPv4 address it carries.
 */
final class ClientKey {

    private static final int PREFIX_BYTES = 8;

    private ClientKey() {
    }

    static String of(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        if (isIpv4Mapped(bytes)) {
            return toAddress(Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
        }
        final byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, PREFIX_BYTES), 16);
        return toAddress(prefix).getHostAddress() + "/64";
    }

    private static boolean isIpv4Mapped(final byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private static InetAddress toAddress(final byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
