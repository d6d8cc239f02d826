package io.hookgate.admin.api;

import io.hookgate.core.id.StableIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/** Checks {@code Authorization: Bearer <token>} against the configured token, in constant time. */
final class BearerAuth {

    private final byte[] expected;

    BearerAuth(final String token) {
        this.expected = digest(token);
    }

    boolean allows(final String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return false;
        }
        // Digests have one length whatever was sent, so the comparison time says nothing of the token.
        return MessageDigest.isEqual(expected, digest(authorization.substring("bearer ".length()).trim()));
    }

    private static byte[] digest(final String text) {
        return StableIds.sha256Hex(text.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }
}
