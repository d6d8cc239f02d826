package io.hookgate.providers.crypto;

import io.hookgate.core.id.StableIds;

import java.util.List;

/**
 * Comparison of presented credentials (tokens, user:password) with the configured ones. Both sides
 * are hashed first, so the comparison takes the same time whatever their lengths and contents.
 */
public final class Credentials {

    private Credentials() {
    }

    public static boolean anyEquals(final List<String> configured, final String presented) {
        final byte[] presentedHash = Hmac.utf8(StableIds.sha256Hex(Hmac.utf8(presented)));
        boolean matched = false;
        for (String candidate : configured) {
            matched |= Hmac.equal(Hmac.utf8(StableIds.sha256Hex(Hmac.utf8(candidate))), presentedHash);
        }
        return matched;
    }
}
