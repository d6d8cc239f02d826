package io.hookgate.providers.spi;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;

import java.util.List;

/**
 * The configuration check of schemes whose secrets are tokens the sender presents as they are
 * ({@code token}, {@code publisher}): nothing is signed, so the token is all an attacker must
 * guess. Each secret must be at least a minimum length and not a run of a few characters
 * repeated ({@code aaaa...}, {@code abcabc...}), which a real random token never is.
 */
public final class TokenSecrets {

    /** Fewest distinct characters a token may have: a random token of 16 characters or more has far more. */
    static final int MIN_DISTINCT_CHARS = 8;

    private TokenSecrets() {
    }

    /** Reports each secret of {@code source} shorter than {@code minChars} or with too few distinct characters. */
    public static void check(final SourceConfig source, final String path, final ConfigProblems problems, final int minChars) {
        final List<String> secrets = source.secrets();
        for (int i = 0; i < secrets.size(); i++) {
            final String secret = secrets.get(i);
            if (secret.length() < minChars || secret.chars().distinct().count() < MIN_DISTINCT_CHARS) {
                problems.add(ConfigProblems.index(ConfigProblems.child(path, SourceConfig.SECRETS.name()), i),
                    "a token must be at least " + minChars + " characters, and unguessable (a random one, such as "
                        + "`openssl rand -hex " + Math.max(16, (minChars + 1) / 2) + "`)");
            }
        }
    }
}
