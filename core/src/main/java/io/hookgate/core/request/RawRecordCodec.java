package io.hookgate.core.request;

import io.hookgate.core.kafka.HeaderText;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link RawRequest} is stored in a Kafka record: the body as the value, unchanged; the
 * request's metadata as {@code hookgate.*} headers; each HTTP header as {@code http.<name>}
 * (lower-case name, value bytes as received). Used by the ingress to write, by the processor to
 * read, and by replay to re-inject.
 */
public final class RawRecordCodec {

    public static final String INGRESS_ID = "hookgate.ingress-id";
    public static final String SOURCE = "hookgate.source";
    public static final String RECEIVED_AT = "hookgate.received-at";
    public static final String CLIENT = "hookgate.client";
    public static final String METHOD = "hookgate.method";
    public static final String QUERY = "hookgate.query";
    public static final String REPLAY_OF = "hookgate.replay-of";
    public static final String IGNORE_TIMESTAMP = "hookgate.ignore-timestamp";
    public static final String HTTP_PREFIX = "http.";

    private RawRecordCodec() {
    }

    /** The Kafka headers carrying {@code request}'s metadata and HTTP headers. */
    public static Headers headers(final RawRequest request) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(INGRESS_ID, utf8(request.ingressId()));
        headers.add(SOURCE, utf8(request.source()));
        headers.add(RECEIVED_AT, utf8(Long.toString(request.receivedAt().toEpochMilli())));
        headers.add(CLIENT, utf8(request.clientAddress()));
        headers.add(METHOD, utf8(request.method()));
        headers.add(QUERY, utf8(request.query()));
        if (request.replay() != null) {
            headers.add(REPLAY_OF, utf8(request.replay().of()));
            headers.add(IGNORE_TIMESTAMP, utf8(Boolean.toString(request.replay().ignoreTimestamp())));
        }
        for (HttpHeaders.Header header : request.headers().asList()) {
            // HTTP header bytes are ISO-8859-1: this keeps any byte a client sent.
            headers.add(HTTP_PREFIX + HttpHeaders.normalize(header.name()), header.value().getBytes(StandardCharsets.ISO_8859_1));
        }
        return headers;
    }

    /**
     * Reads a request back from a record's headers and value.
     *
     * @throws MalformedRecordException when a required header is missing or unreadable
     */
    public static RawRequest decode(final Headers headers, final byte[] value) {
        final String ingressId = required(headers, INGRESS_ID);
        final String source = required(headers, SOURCE);
        final Instant receivedAt;
        try {
            receivedAt = Instant.ofEpochMilli(Long.parseLong(required(headers, RECEIVED_AT)));
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("header " + RECEIVED_AT + " is not a number");
        }
        final List<HttpHeaders.Header> http = new ArrayList<>();
        for (Header header : headers) {
            if (header.key().startsWith(HTTP_PREFIX)) {
                final byte[] bytes = header.value() == null ? new byte[0] : header.value();
                http.add(new HttpHeaders.Header(header.key().substring(HTTP_PREFIX.length()),
                    new String(bytes, StandardCharsets.ISO_8859_1)));
            }
        }
        final String replayOf = lastValue(headers, REPLAY_OF);
        final RawRequest.Replay replay = replayOf == null ? null
            : new RawRequest.Replay(replayOf, "true".equals(lastValue(headers, IGNORE_TIMESTAMP)));
        return new RawRequest(ingressId, source, receivedAt, optional(headers, CLIENT), optional(headers, METHOD),
            optional(headers, QUERY), HttpHeaders.of(http), value == null ? new byte[0] : value, replay);
    }

    /** The last value of header {@code key} as UTF-8, or null. */
    public static String lastValue(final Headers headers, final String key) {
        return HeaderText.last(headers, key);
    }

    private static String required(final Headers headers, final String key) {
        try {
            return HeaderText.required(headers, key);
        } catch (HeaderText.MalformedHeaderException e) {
            throw new MalformedRecordException(e.getMessage());
        }
    }

    private static String optional(final Headers headers, final String key) {
        final String value = lastValue(headers, key);
        return value == null ? "" : value;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A record in a raw topic that does not carry what a {@link RawRequest} needs. */
    public static final class MalformedRecordException extends RuntimeException {
        public MalformedRecordException(final String message) {
            super(message);
        }
    }
}
