package io.hookgate.admin.internals.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rejected request as operators see it: what the provider sent, with every credential's value
 * {@link Redaction redacted} (names kept). The body is not copied (only its size): the original is
 * in Kafka, and replay reads it from there.
 *
 * @param method     the HTTP method
 * @param query      the query string, credential values redacted
 * @param client     the client address the ingress saw
 * @param receivedAt when the ingress received it
 * @param headers    the HTTP headers in the order received, credential values redacted
 * @param bodyBytes  the size of the body
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"method", "query", "client", "receivedAt", "headers", "bodyBytes"})
public record RequestCopy(String method, String query, String client, Instant receivedAt, List<HeaderCopy> headers, int bodyBytes) {

    /** One HTTP header; its value may be {@value Redaction#REDACTED}. */
    public record HeaderCopy(String name, String value) {
    }

    /** The User-Agent the client sent (the last one, when it sent several), or null. */
    @JsonIgnore
    public String userAgent() {
        String found = null;
        for (HeaderCopy header : headers) {
            if ("user-agent".equalsIgnoreCase(header.name())) {
                found = header.value();
            }
        }
        return found;
    }

    /** The redacted copy of the raw request {@code record} carries (a record of {@code events.rejected} or {@code ingress.raw}). */
    public static RequestCopy of(final ConsumerRecord<byte[], byte[]> record, final Redaction redaction) {
        final List<HeaderCopy> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith(RawRecordCodec.HTTP_PREFIX)) {
                final String name = header.key().substring(RawRecordCodec.HTTP_PREFIX.length());
                // HTTP header bytes are ISO-8859-1, as the ingress stored them.
                final String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.ISO_8859_1);
                headers.add(new HeaderCopy(name, redaction.header(name, value)));
            }
        }
        return new RequestCopy(RawRecordCodec.lastValue(record.headers(), RawRecordCodec.METHOD),
            redaction.query(RawRecordCodec.lastValue(record.headers(), RawRecordCodec.QUERY)),
            RawRecordCodec.lastValue(record.headers(), RawRecordCodec.CLIENT), receivedAt(record),
            List.copyOf(headers), record.value() == null ? 0 : record.value().length);
    }

    /** The receive time, or null when the ingress's header is absent or broken: a request rejected as malformed_record is still listed. */
    private static Instant receivedAt(final ConsumerRecord<byte[], byte[]> record) {
        final String millis = RawRecordCodec.lastValue(record.headers(), RawRecordCodec.RECEIVED_AT);
        if (millis == null || millis.isEmpty() || millis.length() > 18 || !millis.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
