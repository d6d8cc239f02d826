package io.hookgate.providers.hmac;

import io.hookgate.core.config.ConfigDef;
import io.hookgate.core.config.ConfigKey;
import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.config.Validator;
import io.hookgate.core.config.ValueType;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SignatureFormat;
import io.hookgate.providers.spi.SourceScheme;

import java.util.Locale;
import java.util.Set;

/**
 * {@code provider: hmac}: any sender that signs with an HMAC in a header, described by its keys:
 * {@code header} (required), {@code algorithm} ({@code sha1}, {@code sha256}, {@code sha512}),
 * {@code encoding} ({@code hex}, {@code base64}), {@code prefix}, {@code timestampHeader},
 * {@code idHeader} and {@code signedContent} (a template over {@code {id}}, {@code {timestamp}},
 * {@code {body}}; by default {@code {body}}, or {@code {timestamp}.{body}} with a timestamp header).
 */
public final class HmacProvider implements Provider {

    static final ConfigKey<String> HEADER = ConfigKey.required("header", ValueType.STRING,
        "Header carrying the signature.").validatedBy(Validator.nonEmpty());
    static final ConfigKey<String> ALGORITHM = ConfigKey.optional("algorithm", ValueType.STRING, "sha256",
        "HMAC algorithm: sha1, sha256 or sha512.").validatedBy(Validator.oneOf(Set.of("sha1", "sha256", "sha512")));
    static final ConfigKey<String> ENCODING = ConfigKey.optional("encoding", ValueType.STRING, "hex",
        "How the MAC is written: hex or base64.").validatedBy(Validator.oneOf(Set.of("hex", "base64")));
    static final ConfigKey<String> PREFIX = ConfigKey.optional("prefix", ValueType.STRING, "",
        "Text before the MAC in the header, e.g. sha256=.");
    static final ConfigKey<String> TIMESTAMP_HEADER = ConfigKey.optional("timestampHeader", ValueType.STRING, null,
        "Header carrying a signed Unix timestamp, checked against toleranceSeconds; signedContent must use {timestamp}.").validatedBy(Validator.nonEmpty());
    static final ConfigKey<String> ID_HEADER = ConfigKey.optional("idHeader", ValueType.STRING, null,
        "Header carrying the sender's event id; it must be signed: signedContent must use {id}.").validatedBy(Validator.nonEmpty());
    static final ConfigKey<String> SIGNED_CONTENT = ConfigKey.optional("signedContent", ValueType.STRING, null,
        "What is signed: a template over {id}, {timestamp} and {body}.");

    @Override
    public String name() {
        return "hmac";
    }

    @Override
    public ConfigDef options() {
        return ConfigDef.of(HEADER, ALGORITHM, ENCODING, PREFIX, TIMESTAMP_HEADER, ID_HEADER, SIGNED_CONTENT);
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        final String contentPath = ConfigProblems.child(path, SIGNED_CONTENT.name());
        try {
            final SignedContentTemplate template = template(source);
            if (template.uses("timestamp") && source.options().get(TIMESTAMP_HEADER) == null) {
                problems.add(contentPath, "uses {timestamp} but no timestampHeader is set");
            }
            if (template.uses("id") && source.options().get(ID_HEADER) == null) {
                problems.add(contentPath, "uses {id} but no idHeader is set");
            }
            // A header outside what is signed can be changed by anyone who holds one signed request.
            if (source.options().get(ID_HEADER) != null && !template.uses("id")) {
                problems.add(ConfigProblems.child(path, ID_HEADER.name()), "is not in signedContent ('" + template.text()
                    + "'): anyone holding one signed body could send it again as a new event under another id; "
                    + "add {id} to signedContent, or drop idHeader to deduplicate by payload hash");
            }
            if (source.options().get(TIMESTAMP_HEADER) != null && !template.uses("timestamp")) {
                problems.add(ConfigProblems.child(path, TIMESTAMP_HEADER.name()), "is not in signedContent ('" + template.text()
                    + "'): a fresh unsigned timestamp would let a year-old body through the replay window; "
                    + "add {timestamp} to signedContent, or drop timestampHeader");
            }
        } catch (IllegalArgumentException e) {
            problems.add(contentPath, e.getMessage());
        }
    }

    static SignedContentTemplate template(final SourceConfig source) {
        final String configured = source.options().get(SIGNED_CONTENT);
        if (configured != null) {
            return SignedContentTemplate.parse(configured);
        }
        return SignedContentTemplate.parse(source.options().get(TIMESTAMP_HEADER) == null ? "{body}" : "{timestamp}.{body}");
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        SignatureFormat format = SignatureFormat.of(source.options().get(HEADER),
                Hmac.Algorithm.valueOf(source.options().get(ALGORITHM).toUpperCase(Locale.ROOT)),
                Encoding.valueOf(source.options().get(ENCODING).toUpperCase(Locale.ROOT)))
            .withPrefix(source.options().get(PREFIX));
        if (source.options().get(TIMESTAMP_HEADER) != null) {
            format = format.withTimestampHeader(source.options().get(TIMESTAMP_HEADER));
        }
        return new HmacScheme(source, format, template(source), source.options().get(ID_HEADER));
    }
}
