package io.hookgate.providers.crypto;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Signed Unix timestamps: read only in canonical decimal (no sign, no leading zero, no spaces),
 * because providers sign the number re-printed and a non-canonical spelling would let one
 * signature stand for several texts.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** The seconds {@code text} states, or empty when it is not a canonical decimal number. */
    public static OptionalLong parseCanonical(final String text) {
        if (text == null || text.isEmpty() || text.length() > 12 || (text.length() > 1 && text.charAt(0) == '0')) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            value = value * 10 + (c - '0');
        }
        return OptionalLong.of(value);
    }

    /** Whether {@code signedSeconds} lies within {@code toleranceSeconds} of {@code receivedAt}, either side. */
    public static boolean withinWindow(final long signedSeconds, final Instant receivedAt, final int toleranceSeconds) {
        return Math.abs(receivedAt.getEpochSecond() - signedSeconds) <= toleranceSeconds;
    }
}
