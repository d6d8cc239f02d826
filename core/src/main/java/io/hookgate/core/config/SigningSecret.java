package io.hookgate.core.config;

import java.util.Base64;

/**
 * A Standard Webhooks secret: {@code whsec_} followed by the base64 of the key bytes. Used to sign
 * outbound webhooks, where the prefix is required ({@link #check}), and to verify Standard Webhooks
 * senders, where it is optional ({@link #decode}).
 */
public final class SigningSecret {

    public static final String PREFIX = "whsec_";

    /** The fewest key bytes a subscription's secret may have. */
    static final int MIN_KEY_BYTES = 16;

    private static final String MAKE_ONE = "; make one with: hookgate secret new";

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

    /**
     * Validates a subscription's signing secret (from the file or the admin API): {@code whsec_} and
     * the base64 of at least {@value #MIN_KEY_BYTES} bytes. Each problem says how to make a good one;
     * none repeats the secret.
     */
    static void check(final String secret, final String path, final ConfigProblems problems) {
        if (secret.isBlank()) {
            problems.add(path, "empty" + MAKE_ONE);
        } else if (!secret.equals(secret.strip())) {
            problems.add(path, "has leading or trailing whitespace (a newline from a file or variable?)" + MAKE_ONE);
        } else if (!secret.startsWith(PREFIX)) {
            problems.add(path, "must start with " + PREFIX + " (a Standard Webhooks secret)" + MAKE_ONE);
        } else {
            try {
                if (decode(secret).length < MIN_KEY_BYTES) {
                    problems.add(path, "too short to sign safely" + MAKE_ONE);
                }
            } catch (IllegalArgumentException e) {
                problems.add(path, "is not " + PREFIX + " followed by base64" + MAKE_ONE);
            }
        }
    }
}
