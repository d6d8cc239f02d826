package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A record of a task topic that was not a delivery task, kept in its DLQ entry as it was read so
 * that nothing read is silently lost: where it was, its key, its headers (as text) and its value
 * (base64; left out, with its length, when it would not fit in the entry).
 *
 * @param valueBase64  the value's bytes in base64, or null when left out or absent
 * @param droppedBytes the length of the value left out, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnreadableRecord(String topic, int partition, long offset, String key, List<HeaderText> headers,
                               String valueBase64, Integer droppedBytes) {

    /** One header, its value decoded as UTF-8 (malformed bytes replaced). */
    public record HeaderText(String name, String value) {
    }

    public UnreadableRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** The record as read, its value kept when it is at most {@code maxValueBytes}. */
    public static UnreadableRecord of(final String topic, final int partition, final long offset, final String key,
                                      final Headers headers, final byte[] value, final int maxValueBytes) {
        final List<HeaderText> texts = new ArrayList<>();
        for (Header header : headers) {
            texts.add(new HeaderText(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
        }
        final boolean keep = value != null && value.length <= maxValueBytes;
        return new UnreadableRecord(topic, partition, offset, key, texts, keep ? Base64.getEncoder().encodeToString(value) : null,
            value != null && !keep ? value.length : null);
    }
}
