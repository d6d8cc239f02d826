package io.hookgate.providers.crypto;

import io.hookgate.core.id.StableIds;

import java.util.List;
import java.util.Optional;

/**
 * Comparison of presented credentials (tokens, user:password) with the configured ones. Both sides
 * are hashed first, so the comparison takes the same time whatever their lengths and contents.
 */
public final class Credentials {

    private Credentials() {
    }

    private static final String BEARER = "bearer ";

    /** Whether {@code presented} is one of {@code configured}; every configured one is compared, in constant time. */
    public static boolean anyEquals(final List<String> configured, final String presented) {
        final byte[] presentedHash = Hmac.utf8(StableIds.sha256Hex(Hmac.utf8(presented)));
        boolean matched = false;
        for (String candidate : configured) {
            matched |= Hmac.equal(Hmac.utf8(StableIds.sha256Hex(Hmac.utf8(candidate))), presentedHash);
        }
        return matched;
    }

    /**
     * The token of an {@code Authorization} value {@code Bearer <token>} (the scheme in any case,
     * spaces around the token ignored); empty when the value is not a bearer token.
     */
    public static Optional<String> bearerToken(final String authorization) {
        final String trimmed = authorization.trim();
        if (!trimmed.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        final String token = trimmed.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
