package io.hookgate.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.SignatureFormat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** GitHub: the raw body signed with HMAC-SHA256 (hex, {@code sha256=} prefix). */
final class GithubScheme extends HeaderHmacScheme {

    private static final SignatureFormat SHA256 = SignatureFormat.of("X-Hub-Signature-256", Hmac.Algorithm.SHA256, Encoding.HEX)
        .withPrefix("sha256=");
    private static final SignatureFormat LEGACY = SignatureFormat.of("X-Hub-Signature", Hmac.Algorithm.SHA1, Encoding.HEX)
        .withPrefix("sha1=");

    GithubScheme(final SourceConfig source, final boolean legacySha1) {
        super(source, legacySha1 ? LEGACY : SHA256);
    }


    @Override
    protected Payload readPayload(final RawRequest request) {
        final Payload payload = Payloads.read(request);
        // A hook configured for form posts sends the JSON in the field "payload".
        final JsonNode tree = payload.tree();
        if ("application/x-www-form-urlencoded".equals(request.mediaType()) && tree.size() == 1 && tree.path("payload").isTextual()) {
            return Payloads.json(Hmac.utf8(tree.get("payload").textValue()));
        }
        return payload;
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        final String event = request.header("X-GitHub-Event").orElse(null);
        final String action = Payloads.text(payload, "action");
        final String type = event == null ? null : action == null ? event : event + "." + action;
        // X-GitHub-Delivery and X-GitHub-Event are not signed: the body is.
        return Payloads.headerIdentity(request.header("X-GitHub-Delivery").orElse(null), payload, type);
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return signedBodyHint(request, request.header("X-GitHub-Delivery"));
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty()
            .with("Content-Type", "application/json")
            .with("User-Agent", "GitHub-Hookshot/hookgate-sign")
            .with("X-GitHub-Event", "ping")
            .with("X-GitHub-Delivery", UUID.randomUUID().toString());
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return GithubSamples.body("ping", now);
    }

    @Override
    public java.util.List<String> sampleTypes() {
        return GithubSamples.TYPES;
    }

    @Override
    public SignedRequest signedSample(final String type, final Instant now) {
        final SignedRequest signed = sign(GithubSamples.body(type, now), now);
        // X-GitHub-Event is not signed: it names the sample's event instead of ping.
        final java.util.List<HttpHeaders.Header> headers = signed.headers().asList().stream()
            .map(header -> "X-GitHub-Event".equalsIgnoreCase(header.name()) ? new HttpHeaders.Header(header.name(),
                GithubSamples.event(type)) : header)
            .toList();
        return new SignedRequest(HttpHeaders.of(headers), signed.body(), signed.query());
    }
}
