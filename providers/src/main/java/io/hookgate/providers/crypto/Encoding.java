package io.hookgate.providers.crypto;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a provider writes a MAC in a header: lower-case hex or standard base64. Only the canonical
 * spelling decodes (no upper-case hex, no stray bits in the last base64 character), so one MAC has
 * exactly one accepted text.
 */
public enum Encoding {
    HEX {
        @Override
        public String encode(final byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public Optional<byte[]> decode(final String text) {
            if (text.isEmpty() || text.length() % 2 != 0) {
                return Optional.empty();
            }
            try {
                return canonical(this, text, HexFormat.of().parseHex(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    },
    BASE64 {
        @Override
        public String encode(final byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }

        @Override
        public Optional<byte[]> decode(final String text) {
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return canonical(this, text, Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    };

    public abstract String encode(byte[] bytes);

    private static Optional<byte[]> canonical(final Encoding encoding, final String text, final byte[] decoded) {
        return encoding.encode(decoded).equals(text) ? Optional.of(decoded) : Optional.empty();
    }

    /** The bytes {@code text} encodes, or empty when it is not in this encoding. */
    public abstract Optional<byte[]> decode(String text);
}
