package io.hookgate.core.testing;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Kafka record's headers and value written as text, the input format of the fuzz targets that
 * read records (and of their seed files, which stay readable). One header per line: {@code key: value}
 * (the value's bytes exactly as they are, up to the line end; the one space after the colon is
 * optional) or a bare {@code key} (a header with a null value). Then an empty line, then the value,
 * every byte as it is; without that empty line the value is null.
 *
 * @param headers the record's headers, in order, repeated keys kept
 * @param value   the record's value, or null
 */
public record KafkaRecordText(Headers headers, byte[] value) {

    /** Reads {@code data}; any bytes are some record. */
    public static KafkaRecordText parse(final byte[] data) {
        final RecordHeaders headers = new RecordHeaders();
        int position = 0;
        while (position < data.length) {
            int end = indexOf(data, (byte) '\n', position, data.length);
            if (end < 0) {
                end = data.length;
            }
            if (end == position) {
                return new KafkaRecordText(headers, Arrays.copyOfRange(data, position + 1, data.length));
            }
            final int colon = indexOf(data, (byte) ':', position, end);
            if (colon < 0) {
                headers.add(new String(data, position, end - position, StandardCharsets.UTF_8), null);
            } else {
                final int valueStart = colon + 1 < end && data[colon + 1] == ' ' ? colon + 2 : colon + 1;
                headers.add(new String(data, position, colon - position, StandardCharsets.UTF_8),
                    Arrays.copyOfRange(data, valueStart, end));
            }
            position = end + 1;
        }
        return new KafkaRecordText(headers, null);
    }

    private static int indexOf(final byte[] data, final byte wanted, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
