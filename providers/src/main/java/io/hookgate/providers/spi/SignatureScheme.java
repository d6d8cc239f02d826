package io.hookgate.providers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.catalog.EventCatalog;
import io.hookgate.core.catalog.EventSchema;
import io.hookgate.core.catalog.SchemaViolation;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;

import java.util.List;
import java.util.Optional;

/**
 * The order every scheme verifies in: a source without secrets accepts nothing; then the
 * provider's signature check on the raw bytes; only then is the body parsed and the event
 * identified; last, the event is held against its source's catalogue: a payload breaking the schema
 * declared for its type is {@code schema_violation} (with the JSON pointer), and, for schemes that
 * accept only declared types ({@code publisher}), a type the source does not declare is
 * {@code unknown_event_type}. Schemas were compiled at start; checking reads the payload's tree and
 * never touches its bytes. Subclasses supply the provider-specific steps.
 */
public abstract class SignatureScheme implements SourceScheme {

    protected final SourceConfig source;

    protected SignatureScheme(final SourceConfig source) {
        this.source = source;
    }

    @Override
    public final Verification verify(final RawRequest request) {
        if (source.secrets().isEmpty()) {
            return Verification.rejected(RejectReason.NO_SECRET, "source " + source.id() + " has no secret configured");
        }
        final Optional<Verification.Rejected> rejection = checkSignature(request);
        if (rejection.isPresent()) {
            return rejection.get();
        }
        try {
            final Payload payload = readPayload(request);
            final EventIdentity identity = identify(request, payload.tree());
            final Optional<Verification.Rejected> refused = checkCatalogue(identity.type(), payload);
            if (refused.isPresent()) {
                return refused.get();
            }
            return new Verification.Accepted(identity, payload, signatureCovers(request));
        } catch (Payloads.PayloadTooDeepException e) {
            return Verification.rejected(RejectReason.PAYLOAD_TOO_DEEP, e.getMessage());
        } catch (Payloads.MalformedPayloadException e) {
            return Verification.rejected(RejectReason.MALFORMED_PAYLOAD, e.getMessage());
        }
    }

    /**
     * Whether an event of a type its source does not declare is refused; only where the source
     * declares types at all. False by default: a provider adds types before any list knows them.
     */
    protected boolean acceptsOnlyDeclaredTypes() {
        return false;
    }

    private Optional<Verification.Rejected> checkCatalogue(final String type, final Payload payload) {
        final EventCatalog catalogue = source.catalogue();
        if (catalogue.isEmpty()) {
            return accept();
        }
        if (acceptsOnlyDeclaredTypes() && !catalogue.contains(type)) {
            return reject(RejectReason.UNKNOWN_EVENT_TYPE, "event type " + (type == null ? "(none)" : "'" + type + "'")
                + " is not declared by source " + source.id() + " (declared: " + listed(catalogue) + ")");
        }
        final Optional<EventSchema> schema = catalogue.schema(type);
        if (schema.isPresent()) {
            final Optional<SchemaViolation> violation = schema.get().check(payload.tree());
            if (violation.isPresent()) {
                return reject(RejectReason.SCHEMA_VIOLATION, "the payload breaks the schema of " + type + " ("
                    + schema.get().file().getFileName() + ") " + violation.get().describe());
            }
        }
        return accept();
    }

    private static String listed(final EventCatalog catalogue) {
        final int shown = 10;
        final String first = String.join(", ", catalogue.types().stream().limit(shown).toList());
        return catalogue.types().size() > shown ? first + ", ... " + catalogue.types().size() + " in all" : first;
    }

    /**
     * What the signature of a verified {@code request} covered, as the envelope states it:
     * {@code body}, {@code timestamp}, {@code id}, {@code url}, or the names of signed fields.
     */
    protected abstract List<String> signatureCovers(RawRequest request);

    /**
     * Checks the signature of {@code request} against every configured secret: empty when one
     * verifies, else the rejection. Must not throw on any input.
     */
    protected abstract Optional<Verification.Rejected> checkSignature(RawRequest request);

    /** The payload of a verified request; JSON or a form by default. */
    protected Payload readPayload(final RawRequest request) {
        return Payloads.read(request);
    }

    /**
     * The identity of a verified event.
     *
     * @throws Payloads.MalformedPayloadException when the payload lacks what identifies it
     */
    protected abstract EventIdentity identify(RawRequest request, JsonNode payload);

    /**
     * Whether {@code signedSeconds} lies within the source's tolerance of the receive time; always
     * true for a rejected request an operator replayed with the window waived.
     */
    protected boolean withinReplayWindow(final RawRequest request, final long signedSeconds) {
        return !request.checksReplayWindow()
            || io.hookgate.providers.crypto.Timestamps.withinWindow(signedSeconds, request.receivedAt(), source.toleranceSeconds());
    }

    /** The dedup key of event {@code eventId} of this source, when there is one. */
    protected final Optional<String> eventIdHint(final String eventId) {
        return eventId == null || eventId.isBlank() ? Optional.empty() : Optional.of(EventRef.dedupKey(source.id(), eventId));
    }

    /** The dedup key by the signed body, for a request whose id comes from an unsigned header that is present. */
    protected final Optional<String> signedBodyHint(final RawRequest request, final Optional<String> unsignedId) {
        return unsignedId.filter(id -> !id.isBlank()).map(id -> EventRef.signedBodyKey(source.id(), request.body()));
    }

    protected List<String> secrets() {
        return source.secrets();
    }

    /** The secret {@link #sign} uses: the first configured. */
    protected String signingSecret() {
        if (source.secrets().isEmpty()) {
            throw new IllegalStateException("source " + source.id() + " has no secret to sign with");
        }
        return source.secrets().get(0);
    }

    protected static Optional<Verification.Rejected> reject(final RejectReason reason, final String detail) {
        return Optional.of(Verification.rejected(reason, detail));
    }

    protected static Optional<Verification.Rejected> accept() {
        return Optional.empty();
    }
}
