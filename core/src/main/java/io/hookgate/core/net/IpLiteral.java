package io.hookgate.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads a host that is an IP address literal, without ever looking a name up. IPv4 is read in every
 * spelling that resolvers accept: dotted with one to four parts in decimal, octal ({@code 0177}) or
 * hex ({@code 0x7f}) ({@code 127.1}, {@code 2130706433}, {@code 0x7f.1}). IPv6 is read strictly as
 * RFC 4291 writes it, with or without brackets: eight groups of one to four hex digits, at most one
 * {@code ::} standing for at least one group, and an optional dotted-decimal IPv4 tail; zone ids
 * ({@code %eth0}) and anything else are refused. An IPv4-mapped IPv6 address is answered as the IPv4
 * address it carries. A host that is not a literal is a name, answered with empty; it is never
 * resolved, so the answer depends on the text alone (no hosts file, no DNS, no blocking).
 */
public final class IpLiteral {

    /** Longest IPv6 text: six full groups and a dotted IPv4 tail ({@code ffff:...:255.255.255.255}). */
    private static final int MAX_V6_LENGTH = 45;

    private IpLiteral() {
    }

    /** The address {@code host} spells, or empty when it is a name or no valid literal. */
    public static Optional<InetAddress> parse(final String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            // Brackets are how URLs write IPv6; an IPv4 address in brackets is not a literal.
            return parseV6(host.substring(1, host.length() - 1)).flatMap(IpLiteral::address);
        }
        if (host.indexOf(':') >= 0) {
            return parseV6(host).flatMap(IpLiteral::address);
        }
        return parseV4(host);
    }

    /** The 16 bytes of an RFC 4291 text, or empty. */
    private static Optional<byte[]> parseV6(final String text) {
        final int length = text.length();
        if (length < 2 || length > MAX_V6_LENGTH) {
            return Optional.empty();
        }
        final byte[] bytes = new byte[16];
        int filled = 0;
        // Where "::" stands (a byte index), or -1.
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < length) {
            final int groupStart = i;
            int value = 0;
            while (i < length && hexDigit(text.charAt(i)) >= 0) {
                if (i - groupStart < 4) {
                    value = (value << 4) | hexDigit(text.charAt(i));
                }
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                // A dotted IPv4 tail: the last 32 bits, and the end of the text.
                if (filled > 12 || !dottedQuad(text.substring(groupStart), bytes, filled)) {
                    return Optional.empty();
                }
                filled += 4;
                break;
            }
            final int digits = i - groupStart;
            if (digits == 0 || digits > 4 || filled == 16) {
                return Optional.empty();
            }
            bytes[filled++] = (byte) (value >>> 8);
            bytes[filled++] = (byte) value;
            if (i == length) {
                break;
            }
            // After a group only ':' may follow: '%' (a zone id), ']', spaces and the rest are refused.
            if (text.charAt(i) != ':') {
                return Optional.empty();
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return Optional.empty();
                }
                gap = filled;
                i++;
            } else if (i == length) {
                return Optional.empty();
            }
        }
        if (gap < 0) {
            return filled == 16 ? Optional.of(bytes) : Optional.empty();
        }
        if (filled == 16) {
            // "::" stands for one group at least.
            return Optional.empty();
        }
        final int tail = filled - gap;
        System.arraycopy(bytes, gap, bytes, 16 - tail, tail);
        java.util.Arrays.fill(bytes, gap, 16 - tail, (byte) 0);
        return Optional.of(bytes);
    }

    /** Writes strict dotted-decimal IPv4 (four parts, 0 to 255, no leading zeros) into {@code into} at {@code at}. */
    private static boolean dottedQuad(final String text, final byte[] into, final int at) {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int p = 0; p < 4; p++) {
            final String part = parts[p];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            int value = 0;
            for (int c = 0; c < part.length(); c++) {
                final char ch = part.charAt(c);
                if (ch < '0' || ch > '9') {
                    return false;
                }
                value = value * 10 + (ch - '0');
            }
            if (value > 255) {
                return false;
            }
            into[at + p] = (byte) value;
        }
        return true;
    }

    /** ASCII hex only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(final char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Bytes to an address; {@code getByAddress} never resolves, and answers IPv4-mapped bytes as IPv4. */
    private static Optional<InetAddress> address(final byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static Optional<InetAddress> parseV4(final String text) {
        final String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        final long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            final long value = parsePart(parts[i]);
            if (value < 0) {
                return Optional.empty();
            }
            values[i] = value;
        }
        // inet_aton: every part but the last is one byte; the last fills the remaining bytes.
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xFF) {
                return Optional.empty();
            }
            address = (address << 8) | values[i];
        }
        final int remainingBytes = 4 - (values.length - 1);
        final long last = values[values.length - 1];
        if (last >= (1L << (8 * remainingBytes))) {
            return Optional.empty();
        }
        address = (address << (8 * remainingBytes)) | last;
        return address(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    /** One part in decimal, octal or hex; -1 when it is not a number. */
    private static long parsePart(final String part) {
        if (part.isEmpty() || part.length() > 12) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            final int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }
}
