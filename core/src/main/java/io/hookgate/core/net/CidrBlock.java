package io.hookgate.core.net;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address block such as {@code 3.18.12.63/32} or {@code 2001:db8::/32}; a plain
 * address is a block of one. IPv4-mapped IPv6 addresses are matched as the IPv4 address they carry.
 */
public final class CidrBlock {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrBlock(final byte[] network, final int prefixLength, final String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static CidrBlock parse(final String text) {
        final int slash = text.indexOf('/');
        final String addressText = slash < 0 ? text : text.substring(0, slash);
        final InetAddress address = IpLiteral.parse(addressText.trim())
            .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        final int maxBits = address.getAddress().length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length", e);
            }
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + maxBits);
            }
        }
        return new CidrBlock(mask(address.getAddress(), bits), bits, text);
    }

    public boolean contains(final InetAddress address) {
        final byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(candidate, prefixLength), network);
    }

    private static byte[] mask(final byte[] address, final int bits) {
        final byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            final int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
