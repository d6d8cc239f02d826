package io.hookgate.providers.spi;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.crypto.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The schemes that carry an HMAC in a header (GitHub, Shopify, Checkr, DocuSign, Square, Slack,
 * Zoom, Twilio, the generic {@code hmac}): one implementation of the checks every such scheme
 * makes, in this order: signature header present ({@code missing_signature}), timestamp header
 * present and canonical, signature decodable with its prefix ({@code malformed_signature}), MAC of
 * the signed content under any secret ({@code bad_signature}), timestamp within the tolerance of the
 * receive time ({@code stale_timestamp}). A provider says what is signed and who the event is.
 */
public abstract class HeaderHmacScheme extends SignatureScheme {

    protected final SignatureFormat format;
    private final List<byte[]> keys;

    protected HeaderHmacScheme(final SourceConfig source, final SignatureFormat format) {
        super(source);
        this.format = format;
        this.keys = source.secrets().stream().map(Hmac::utf8).toList();
    }

    /**
     * The bytes signed, as pieces to concatenate; several alternatives when the provider's signers
     * differ (Twilio's URL with and without the default port). {@code timestamp} is the signed
     * timestamp header's text, or null for schemes without one. By default the raw body alone.
     *
     * @throws MalformedSignedContentException when the request cannot yield what is signed
     */
    protected List<byte[][]> signedContents(final RawRequest request, final String timestamp) {
        return List.<byte[][]>of(new byte[][] {request.body()});
    }

    /** By default the body, and the timestamp where the format signs one. */
    @Override
    protected List<String> signatureCovers(final RawRequest request) {
        return format.timestampHeader() == null ? List.of("body") : List.of("timestamp", "body");
    }

    /** The headers a signed request carries besides the signature and timestamp (content type, ids). */
    protected abstract HttpHeaders unsignedHeaders(byte[] body, Instant now);

    /** Header values that may hold the signature: by default the first of the format's headers present. */
    protected List<String> signatureValues(final RawRequest request) {
        for (String header : format.headers()) {
            final List<String> values = request.headers().all(header);
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of();
    }

    @Override
    protected final Optional<Verification.Rejected> checkSignature(final RawRequest request) {
        final List<String> values = signatureValues(request);
        if (values.isEmpty()) {
            return reject(RejectReason.MISSING_SIGNATURE, "header " + format.headers().get(0) + " is missing");
        }
        String timestamp = null;
        OptionalLong seconds = OptionalLong.empty();
        if (format.timestampHeader() != null) {
            timestamp = request.header(format.timestampHeader()).orElse(null);
            if (timestamp == null) {
                return reject(RejectReason.MISSING_SIGNATURE, "header " + format.timestampHeader() + " is missing");
            }
            seconds = Timestamps.parseCanonical(timestamp);
            if (seconds.isEmpty()) {
                return reject(RejectReason.MALFORMED_SIGNATURE, "header " + format.timestampHeader() + " is not a Unix time in seconds");
            }
        }
        final List<byte[]> candidates = new ArrayList<>();
        for (String value : values) {
            final String trimmed = value.trim();
            if (trimmed.startsWith(format.prefix())) {
                format.encoding().decode(trimmed.substring(format.prefix().length())).ifPresent(candidates::add);
            }
        }
        if (candidates.isEmpty()) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "header " + format.headers().get(0) + " is not "
                + (format.prefix().isEmpty() ? "" : format.prefix() + " followed by ") + format.encoding().name().toLowerCase(java.util.Locale.ROOT));
        }
        final List<byte[][]> contents;
        try {
            contents = signedContents(request, timestamp);
        } catch (MalformedSignedContentException e) {
            return reject(RejectReason.MALFORMED_SIGNATURE, e.getMessage());
        }
        boolean matched = false;
        for (byte[][] content : contents) {
            matched |= Hmac.anyMatches(format.algorithm(), keys, candidates, content);
        }
        if (!matched) {
            return reject(RejectReason.BAD_SIGNATURE, "no configured secret produces the signature");
        }
        if (seconds.isPresent() && !withinReplayWindow(request, seconds.getAsLong())) {
            return reject(RejectReason.STALE_TIMESTAMP, format.timestampHeader() + " " + seconds.getAsLong() + " is more than "
                + source.toleranceSeconds() + "s from the receive time");
        }
        return accept();
    }

    @Override
    public SignedRequest sign(final byte[] body, final Instant now) {
        HttpHeaders headers = unsignedHeaders(body, now);
        String timestamp = null;
        if (format.timestampHeader() != null) {
            timestamp = Long.toString(now.getEpochSecond());
            headers = headers.with(format.timestampHeader(), timestamp);
        }
        final RawRequest unsigned = new RawRequest("unsigned", source.id(), now, "", "POST", signingQuery(body), headers, body);
        final byte[] mac = Hmac.compute(format.algorithm(), Hmac.utf8(signingSecret()), signedContents(unsigned, timestamp).get(0));
        return new SignedRequest(headers.with(format.headers().get(0), format.prefix() + format.encoding().encode(mac)), body,
            unsigned.query());
    }

    /** The query string a signed request carries (Twilio's {@code bodySHA256}); none by default. */
    protected String signingQuery(final byte[] body) {
        return "";
    }

    /** Thrown by {@link #signedContents} when the request cannot yield the signed bytes. */
    public static final class MalformedSignedContentException extends RuntimeException {
        public MalformedSignedContentException(final String message) {
            super(message);
        }
    }
}
