package io.hookgate.providers.dropboxsign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Multipart;
import io.hookgate.providers.crypto.Timestamps;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SignatureScheme;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.Verification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code provider: dropbox-sign} (HelloSign): the signature is in the body, {@code event.event_hash}
 * = hex HMAC-SHA256 of {@code event_time + event_type} under the account's API key; only those two
 * fields are authenticated. The event comes in the multipart field {@code json} (or as a JSON body);
 * the ingress answers with the required {@code Hello API Event Received}. Event id: the composite
 * {@code event_type|event_time|related_signature_id|reported_for_account_id|reported_for_app_id}.
 * Because the rest of the body is not signed, one captured callback could be resent with other
 * fields as a "new" event: the signed {@code event_time} must therefore lie within the source's
 * {@code toleranceSeconds} of the receive time (default 300 s, as for every scheme that signs a
 * timestamp). hookgate acknowledges as soon as it stored a callback, so Dropbox retries only while
 * hookgate was unreachable; a retry older than the window lands in {@code events.rejected} as
 * {@code stale_timestamp}, from where an operator replays it with the window waived. The envelope's
 * {@code signatureCovers} names the two signed fields, so consumers know the rest is unsigned.
 */
public final class DropboxSignScheme extends SignatureScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("dropbox-sign", DropboxSignScheme::new);

    static final String ACKNOWLEDGEMENT = "Hello API Event Received";

    private final List<byte[]> keys;

    DropboxSignScheme(final SourceConfig source) {
        super(source);
        this.keys = source.secrets().stream().map(Hmac::utf8).toList();
    }

    @Override
    protected Optional<Verification.Rejected> checkSignature(final RawRequest request) {
        final JsonNode payload;
        try {
            payload = readPayload(request).tree();
        } catch (Payloads.MalformedPayloadException e) {
            return reject(RejectReason.MISSING_SIGNATURE, "no event to read its event_hash from: " + e.getMessage());
        }
        final JsonNode event = payload.path("event");
        final String hash = Payloads.text(event, "event_hash");
        if (hash == null) {
            return reject(RejectReason.MISSING_SIGNATURE, "event.event_hash is missing");
        }
        final String time = Payloads.text(event, "event_time");
        final String type = Payloads.text(event, "event_type");
        final Optional<byte[]> signature = Encoding.HEX.decode(hash);
        if (time == null || type == null || signature.isEmpty()) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "event_hash is not hex, or event_time or event_type is missing");
        }
        if (!Hmac.anyMatches(Hmac.Algorithm.SHA256, keys, List.of(signature.get()), Hmac.utf8(time + type))) {
            return reject(RejectReason.BAD_SIGNATURE, "event_hash does not match a configured API key");
        }
        final OptionalLong seconds = Timestamps.parseCanonical(time);
        if (seconds.isEmpty()) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "event_time is not a Unix time in seconds");
        }
        if (!withinReplayWindow(request, seconds.getAsLong())) {
            return reject(RejectReason.STALE_TIMESTAMP, "event_time " + seconds.getAsLong() + " is more than "
                + source.toleranceSeconds() + "s from the receive time");
        }
        return accept();
    }

    @Override
    protected List<String> signatureCovers(final RawRequest request) {
        return List.of("event.event_time", "event.event_type");
    }

    @Override
    protected Payload readPayload(final RawRequest request) {
        final String boundary = Multipart.boundary(request.header("Content-Type").orElse(null));
        if (boundary != null) {
            final byte[] json = Multipart.fields(request.body(), boundary).get("json");
            if (json == null) {
                throw new Payloads.MalformedPayloadException("multipart body without the field json");
            }
            return Payloads.json(json);
        }
        if ("application/x-www-form-urlencoded".equals(request.mediaType())) {
            final String json = Payloads.text(Payloads.formFields(request.body()), "json");
            if (json == null) {
                throw new Payloads.MalformedPayloadException("form body without the field json");
            }
            return Payloads.json(Hmac.utf8(json));
        }
        return Payloads.json(request.body());
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        final JsonNode event = payload.path("event");
        final JsonNode metadata = event.path("event_metadata");
        final String type = Payloads.text(event, "event_type");
        final String id = String.join("|", text(event, "event_type"), text(event, "event_time"),
            text(metadata, "related_signature_id"), text(metadata, "reported_for_account_id"), text(metadata, "reported_for_app_id"));
        return EventIdentity.fromProvider(id, type);
    }

    private static String text(final JsonNode node, final String field) {
        final String value = Payloads.text(node, field);
        return value == null ? "" : value;
    }

    @Override
    public Optional<HttpReply> acknowledgement() {
        return Optional.of(HttpReply.text(ACKNOWLEDGEMENT));
    }

    /** Sets {@code event.event_hash} in the event JSON {@code body} and posts it as Dropbox Sign does, multipart. */
    @Override
    public SignedRequest sign(final byte[] body, final Instant now) {
        final JsonNode parsed = Payloads.tree(body);
        final JsonNode event = parsed.path("event");
        if (!(event instanceof ObjectNode eventObject) || Payloads.text(event, "event_time") == null
            || Payloads.text(event, "event_type") == null) {
            throw new IllegalArgumentException("a Dropbox Sign event needs event.event_time and event.event_type");
        }
        eventObject.put("event_hash", Encoding.HEX.encode(Hmac.sha256(signingSecret(),
            Hmac.utf8(Payloads.text(event, "event_time") + Payloads.text(event, "event_type")))));
        final String boundary = "hookgate" + UUID.randomUUID().toString().replace("-", "");
        final byte[] multipart = Multipart.write(Map.of("json", Json.write(parsed)), boundary);
        return new SignedRequest(HttpHeaders.empty()
            .with("Content-Type", "multipart/form-data; boundary=" + boundary)
            .with("User-Agent", "HelloSign API"), multipart, "");
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("{\"event\":{\"event_time\":\"" + now.getEpochSecond() + "\",\"event_type\":\"signature_request_sent\","
            + "\"event_hash\":\"\",\"event_metadata\":{\"related_signature_id\":\"" + UUID.randomUUID().toString().replace("-", "")
            + "\",\"reported_for_account_id\":\"63522885f9261e2b04eea043933ee7313eb674fd\"}},"
            + "\"signature_request\":{\"title\":\"hookgate test\"}}");
    }
}
