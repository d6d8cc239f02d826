package io.hookgate.providers.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.catalog.EventCatalog;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Credentials;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.SignatureScheme;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.Verification;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The application's own events: a bearer token, then the {@code Event-Type} header, then the body
 * as JSON. See {@link PublisherProvider} for the contract.
 */
final class PublisherScheme extends SignatureScheme {

    static final String AUTHORIZATION = "Authorization";
    static final String EVENT_TYPE = "Event-Type";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The type {@code hookgate sign} sends when the source declares none. */
    static final String SAMPLE_TYPE = "hookgate.test";

    PublisherScheme(final SourceConfig source) {
        super(source);
    }

    /** The credential, then the header that names the event: both before the body is read. */
    @Override
    protected Optional<Verification.Rejected> checkSignature(final RawRequest request) {
        final Optional<String> authorization = request.header(AUTHORIZATION);
        if (authorization.isEmpty()) {
            return reject(RejectReason.BAD_TOKEN, "header " + AUTHORIZATION + " is missing");
        }
        final Optional<String> token = Credentials.bearerToken(authorization.get());
        if (token.isEmpty()) {
            return reject(RejectReason.BAD_TOKEN, AUTHORIZATION + " is not Bearer <token>");
        }
        if (!Credentials.anyEquals(secrets(), token.get())) {
            return reject(RejectReason.BAD_TOKEN, "the token is none of the source's secrets");
        }
        final Optional<String> type = eventType(request);
        if (type.isEmpty()) {
            return reject(RejectReason.MISSING_EVENT_TYPE, "header " + EVENT_TYPE + " is missing");
        }
        if (!EventCatalog.NAME.matcher(type.get()).matches()) {
            return reject(RejectReason.UNKNOWN_EVENT_TYPE, EVENT_TYPE + " is not an event type name "
                + "(1 to 200 letters, digits, _ . : / -)");
        }
        return accept();
    }

    /** The body is the payload, and must be JSON whatever its content type says. */
    @Override
    protected Payload readPayload(final RawRequest request) {
        return Payloads.json(request.body());
    }

    /** Nothing is signed: the token is a credential, proving who sent the request, not what it holds. */
    @Override
    protected List<String> signatureCovers(final RawRequest request) {
        return List.of();
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        final String type = eventType(request).orElseThrow();
        final Optional<String> key = idempotencyKey(request);
        if (key.isPresent()) {
            // Unsigned but trusted: only the application holds the token, and it names its own events.
            return new EventIdentity(key.get(), EventIdOrigin.PROVIDER, type, true);
        }
        // The type is part of the hash: one payload published as two types is two events.
        final ByteArrayOutputStream hashed = new ByteArrayOutputStream();
        hashed.writeBytes(Hmac.utf8(type));
        hashed.write(0);
        hashed.writeBytes(Payloads.canonical(payload));
        return new EventIdentity(StableIds.sha256Hex(hashed.toByteArray()), EventIdOrigin.PAYLOAD_HASH, type, true);
    }

    /** The application names its types: once it declares them, any other is a mistake to refuse, not to deliver. */
    @Override
    protected boolean acceptsOnlyDeclaredTypes() {
        return true;
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return idempotencyKey(request).flatMap(this::eventIdHint);
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("{\"message\":\"hello from hookgate\",\"sentAt\":\"" + now + "\"}");
    }

    /** The request the application sends: its token, the sample type, and a fresh idempotency key. */
    @Override
    public SignedRequest sign(final byte[] body, final Instant now) {
        return new SignedRequest(HttpHeaders.empty()
            .with("Content-Type", "application/json")
            .with(AUTHORIZATION, "Bearer " + signingSecret())
            .with(EVENT_TYPE, sampleType())
            .with(IDEMPOTENCY_KEY, UUID.randomUUID().toString()), body, "");
    }

    /**
     * The type a signed sample carries: the first declared type without a schema (which the sample
     * body cannot know), else the first declared, else {@value #SAMPLE_TYPE}.
     */
    String sampleType() {
        final EventCatalog catalogue = source.catalogue();
        return catalogue.types().stream().filter(type -> catalogue.schema(type).isEmpty()).findFirst()
            .or(() -> catalogue.types().stream().findFirst())
            .orElse(SAMPLE_TYPE);
    }

    private static Optional<String> eventType(final RawRequest request) {
        return request.header(EVENT_TYPE).map(String::trim).filter(type -> !type.isEmpty());
    }

    private static Optional<String> idempotencyKey(final RawRequest request) {
        return request.header(IDEMPOTENCY_KEY).map(String::trim).filter(key -> !key.isEmpty());
    }
}
