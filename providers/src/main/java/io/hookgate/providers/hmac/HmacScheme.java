package io.hookgate.providers.hmac;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.SignatureFormat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A generic HMAC sender, as its source's keys describe it. */
final class HmacScheme extends HeaderHmacScheme {

    private final SignedContentTemplate template;
    private final String idHeader;

    HmacScheme(final SourceConfig source, final SignatureFormat format, final SignedContentTemplate template, final String idHeader) {
        super(source, format);
        this.template = template;
        this.idHeader = idHeader;
    }

    @Override
    protected List<byte[][]> signedContents(final RawRequest request, final String timestamp) {
        final String id = idHeader == null ? null : request.header(idHeader).orElse(null);
        if (template.uses("id") && id == null) {
            throw new MalformedSignedContentException("header " + idHeader + " is missing but signed");
        }
        return List.<byte[][]>of(template.render(request, id, timestamp));
    }

    @Override
    protected Payload readPayload(final RawRequest request) {
        return Payloads.readAny(request);
    }

    /** The configuration refuses an idHeader outside signedContent, so an id read here is signed. */
    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        final String id = idHeader == null ? null : request.header(idHeader).orElse(null);
        return Payloads.identity(id, payload, Payloads.text(payload, "type"));
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return idHeader == null ? Optional.empty() : eventIdHint(request.header(idHeader).orElse(null));
    }

    @Override
    protected List<String> signatureCovers(final RawRequest request) {
        return template.placeholders();
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        final HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        return idHeader == null ? headers : headers.with(idHeader, UUID.randomUUID().toString());
    }
}
