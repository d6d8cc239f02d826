package io.hookgate.admin.internals.subscriptions;

import io.hookgate.core.config.SigningSecret;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes fresh signing secrets: {@code whsec_} and the base64 of 32 random bytes (Standard Webhooks). Thread-safe. */
final class SigningSecrets {

    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    String fresh() {
        final byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return SigningSecret.PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
