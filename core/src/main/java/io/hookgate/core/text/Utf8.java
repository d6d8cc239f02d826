package io.hookgate.core.text;

/** UTF-8 bytes cut short: where the last whole character ends. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The end of the last whole UTF-8 character within the first {@code length} bytes of {@code bytes}:
     * {@code length}, or less when a character is cut there.
     */
    public static int wholeCharactersEnd(final byte[] bytes, final int length) {
        for (int back = 1; back <= Math.min(4, length); back++) {
            final int b = bytes[length - back] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                // A lead byte (or ASCII): is its sequence whole?
                final int needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? length - back : length;
            }
        }
        return length;
    }
}
