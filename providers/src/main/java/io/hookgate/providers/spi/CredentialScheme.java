package io.hookgate.providers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;

import java.util.List;

/**
 * The schemes of senders that do not sign but present a credential (basic-auth, token): any body
 * is accepted as the payload (JSON, a form, or text), and the event id is the payload's hash.
 */
public abstract class CredentialScheme extends SignatureScheme {

    protected CredentialScheme(final SourceConfig source) {
        super(source);
    }

    @Override
    protected final Payload readPayload(final RawRequest request) {
        return Payloads.readAny(request);
    }

    /** Nothing is signed: the sender proved who it is with a credential, not what it sent. */
    @Override
    protected final List<String> signatureCovers(final RawRequest request) {
        return List.of();
    }

    @Override
    protected final EventIdentity identify(final RawRequest request, final JsonNode payload) {
        return Payloads.hashIdentity(payload, Payloads.text(payload, "type"));
    }
}
