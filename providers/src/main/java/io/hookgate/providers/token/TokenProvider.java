package io.hookgate.providers.token;

import io.hookgate.core.config.ConfigDef;
import io.hookgate.core.config.ConfigKey;
import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.config.Validator;
import io.hookgate.core.config.ValueType;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.TokenSecrets;

/**
 * {@code provider: token}: for senders that do not sign. The secrets are the accepted tokens, read
 * from {@code header} (default {@code Authorization}, with or without {@code Bearer }) or, for
 * senders that can only call a URL (Sterling), from the query parameter {@code queryParam};
 * exactly one of the two. The event id is a hash of the payload.
 */
public final class TokenProvider implements Provider {

    /** Shortest token accepted: a sender's static secret, guessable when short. */
    static final int MIN_TOKEN_CHARS = 16;

    static final ConfigKey<String> HEADER = ConfigKey.optional("header", ValueType.STRING, null,
        "Header carrying the token (default Authorization).").validatedBy(Validator.nonEmpty());
    static final ConfigKey<String> QUERY_PARAM = ConfigKey.optional("queryParam", ValueType.STRING, null,
        "Query parameter carrying the token, instead of a header.").validatedBy(Validator.nonEmpty());

    @Override
    public String name() {
        return "token";
    }

    @Override
    public ConfigDef options() {
        return ConfigDef.of(HEADER, QUERY_PARAM);
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        if (source.options().isGiven(HEADER) && source.options().isGiven(QUERY_PARAM)) {
            problems.add(ConfigProblems.child(path, QUERY_PARAM.name()), "set header or queryParam, not both");
        }
        TokenSecrets.check(source, path, problems, MIN_TOKEN_CHARS);
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        final String queryParam = source.options().get(QUERY_PARAM);
        final String header = source.options().get(HEADER);
        return new TokenScheme(source, queryParam == null ? (header == null ? "Authorization" : header) : null, queryParam);
    }
}
