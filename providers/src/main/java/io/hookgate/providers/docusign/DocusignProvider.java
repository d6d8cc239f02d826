package io.hookgate.providers.docusign;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: docusign}: DocuSign Connect HMAC. {@code X-DocuSign-Signature-1..N}, one per
 * active key, each the base64 HMAC-SHA256 of the body under the key's text as UTF-8 (it looks like
 * base64 but is not decoded). Event id: the composite {@code configurationId|event|envelopeId|
 * recipientId|generatedDateTime}; type {@code event}.
 */
public final class DocusignProvider implements Provider {

    @Override
    public String name() {
        return "docusign";
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new DocusignScheme(source);
    }
}
