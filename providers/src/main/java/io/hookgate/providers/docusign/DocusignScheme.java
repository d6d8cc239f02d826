package io.hookgate.providers.docusign;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.SignatureFormat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code provider: docusign}: DocuSign Connect HMAC. {@code X-DocuSign-Signature-1..N}, one per
 * active key, each the base64 HMAC-SHA256 of the body under the key's text as UTF-8 (it looks like
 * base64 but is not decoded); any of them may carry the matching key. Event id: the composite
 * {@code configurationId|event|envelopeId|recipientId|generatedDateTime}; type {@code event}.
 */
public final class DocusignScheme extends HeaderHmacScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("docusign", DocusignScheme::new);

    private static final Pattern SIGNATURE_HEADER = Pattern.compile("x-docusign-signature-[1-9][0-9]{0,2}");
    private static final SignatureFormat FORMAT = SignatureFormat.of("X-DocuSign-Signature-1", Hmac.Algorithm.SHA256, Encoding.BASE64);

    DocusignScheme(final SourceConfig source) {
        super(source, FORMAT);
    }

    @Override
    protected List<String> signatureValues(final RawRequest request) {
        final List<String> values = new ArrayList<>();
        request.headers().asList().forEach(header -> {
            if (SIGNATURE_HEADER.matcher(header.name().toLowerCase(Locale.ROOT)).matches()) {
                values.add(header.value());
            }
        });
        return values;
    }


    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        final String event = Payloads.text(payload, "event");
        final JsonNode data = payload.path("data");
        final String configuration = Payloads.text(payload, "configurationId");
        final String envelope = Payloads.text(data, "envelopeId");
        final String generated = Payloads.text(payload, "generatedDateTime");
        if (event == null || envelope == null || generated == null) {
            return Payloads.hashIdentity(payload, event);
        }
        final String recipient = Payloads.text(data, "recipientId");
        return EventIdentity.fromProvider(String.join("|", configuration == null ? "" : configuration, event, envelope,
            recipient == null ? "" : recipient, generated), event);
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty().with("Content-Type", "application/json").with("X-Authorization-Digest", "HMACSHA256");
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("{\"event\":\"envelope-completed\",\"apiVersion\":\"v2.1\",\"uri\":\"/restapi/v2.1/accounts/acc/envelopes/env\","
            + "\"retryCount\":0,\"configurationId\":1,\"generatedDateTime\":\"" + now + "\",\"data\":{\"accountId\":\"acc\","
            + "\"envelopeId\":\"" + UUID.randomUUID() + "\"}}");
    }
}
