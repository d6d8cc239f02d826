package io.hookgate.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hookgate.core.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import static io.hookgate.core.json.JsonFields.instant;
import static io.hookgate.core.json.JsonFields.text;

/**
 * Writes a {@link VerifiedEvent} as the envelope's JSON with Jackson's streaming generator: the
 * same bytes the record's data binding writes (same fields, order, omissions and ISO-8601 instants;
 * a test holds them equal), without its per-call introspection, since the processor writes one
 * envelope per event. The payload's bytes are copied in as they are.
 */
public final class EnvelopeJson {

    private EnvelopeJson() {
    }

    public static byte[] write(final VerifiedEvent event) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (event.payload() == null ? 0 : event.payload().length()));
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", event.schemaVersion());
            json.writeStringField("id", event.id());
            text(json, "source", event.source());
            text(json, "provider", event.provider());
            text(json, "tenant", event.tenant());
            text(json, "eventId", event.eventId());
            text(json, "eventIdOrigin", event.eventIdOrigin().code());
            text(json, "type", event.type());
            instant(json, "receivedAt", event.receivedAt());
            instant(json, "verifiedAt", event.verifiedAt());
            text(json, "ingressId", event.ingressId());
            if (event.signatureCovers() != null) {
                json.writeArrayFieldStart("signatureCovers");
                for (String covered : event.signatureCovers()) {
                    json.writeString(covered);
                }
                json.writeEndArray();
            }
            if (event.payload() != null) {
                json.writeFieldName("payload");
                json.writeObject(event.payload());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the envelope of " + event.id(), e);
        }
        return out.toByteArray();
    }
}
