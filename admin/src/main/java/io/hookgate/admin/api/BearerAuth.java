package io.hookgate.admin.api;

import io.hookgate.core.config.TenantToken;
import io.hookgate.core.id.StableIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against the operator's token and every tenant's, in
 * constant time: each configured token is compared, whichever matches, so the time taken says
 * neither which token nor how much of one was right.
 */
final class BearerAuth {

    private record Known(byte[] digest, Caller caller) {
    }

    private final List<Known> known;

    /** @throws IllegalArgumentException when one token is given twice: it could not say who calls */
    BearerAuth(final String operatorToken, final List<TenantToken> tenantTokens) {
        final List<Known> tokens = new ArrayList<>();
        tokens.add(new Known(digest(operatorToken), Caller.operator()));
        for (TenantToken token : tenantTokens) {
            final byte[] digest = digest(token.token());
            if (tokens.stream().anyMatch(other -> MessageDigest.isEqual(other.digest(), digest))) {
                throw new IllegalArgumentException("admin.tokens: the token of tenant " + token.tenant()
                    + " is also another token (admin.token or another tenant's): give each its own");
            }
            tokens.add(new Known(digest, Caller.ofTenant(token.tenant())));
        }
        this.known = List.copyOf(tokens);
    }

    /** The caller {@code authorization} names, or empty when it names none. */
    Optional<Caller> caller(final String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return Optional.empty();
        }
        // Digests have one length whatever was sent, so the comparison time says nothing of the token.
        final byte[] presented = digest(authorization.substring("bearer ".length()).trim());
        Caller match = null;
        for (Known token : known) {
            // No early exit: every token is compared, whichever matches.
            if (MessageDigest.isEqual(token.digest(), presented)) {
                match = token.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] digest(final String text) {
        return StableIds.sha256Hex(text.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }
}
