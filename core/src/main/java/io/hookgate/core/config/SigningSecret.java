package io.hookgate.core.config;

import java.util.Base64;

/**
 * A Standard Webhooks secret: {@code whsec_} followed by the base64 of the key bytes (the prefix
 * is optional). Used to sign outbound webhooks and to verify Standard Webhooks senders.
 */
public final class SigningSecret {

    public static final String PREFIX = "whsec_";

    private SigningSecret() {
    }

    /**
     * The HMAC key that {@code secret} stands for.
     *
     * @throws IllegalArgumentException when the secret is empty or not base64
     */
    public static byte[] decode(final String secret) {
        final String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        if (encoded.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret is not whsec_ followed by base64", e);
        }
    }

    /** Validates a secret given in a file. */
    static void check(final String secret, final String path, final ConfigProblems problems) {
        try {
            if (decode(secret).length < 16) {
                problems.add(path, "secret is shorter than 16 bytes");
            }
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
        }
    }
}
