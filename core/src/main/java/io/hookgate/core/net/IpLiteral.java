package io.hookgate.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads a host that is an IP address literal, in every spelling that resolvers accept:
 * dotted IPv4 with one to four parts in decimal, octal ({@code 0177}) or hex ({@code 0x7f})
 * ({@code 127.1}, {@code 2130706433}, {@code 0x7f.1}), and IPv6 with or without brackets.
 * A host that is not a literal is a name, answered with empty.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    public static Optional<InetAddress> parse(final String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String text = host;
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    private static Optional<InetAddress> parseV6(final String text) {
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%')) {
            return Optional.empty();
        }
        try {
            // A text containing ':' is parsed as a literal by the JDK, never looked up.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
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
        final byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
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
