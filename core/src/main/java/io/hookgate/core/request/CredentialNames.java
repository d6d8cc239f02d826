package io.hookgate.core.request;

import java.util.List;
import java.util.Locale;

/**
 * The one rule for telling a credential by its name, for HTTP headers and query parameters alike:
 * a name that contains one of {@link #WORDS} (without regard to case) carries one, so
 * {@code Authorization}, {@code Cookie}, {@code Set-Cookie}, {@code X-Hub-Signature-256},
 * {@code X-Api-Key}, {@code ?token=} all do. It errs on the side of hiding. Everything hookgate shows
 * operators of a request or a response (the admin index's copies, a subscriber's answer) hides the
 * values of such names.
 */
public final class CredentialNames {

    /** Parts of a name that mark a credential, lower case. */
    public static final List<String> WORDS = List.of("auth", "cookie", "token", "secret", "signature", "sig", "hmac", "key",
        "password", "passwd", "credential", "session", "jwt", "bearer");

    /** What a hidden value is shown as. */
    public static final String REDACTED = "[redacted]";

    private CredentialNames() {
    }

    /** Whether {@code name} looks like the name of a credential. */
    public static boolean looksLikeCredential(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        for (String word : WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
