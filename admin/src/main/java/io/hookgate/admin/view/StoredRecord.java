package io.hookgate.admin.view;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka record kept byte for byte (key, value, headers, timestamp), so that a rejected request can
 * be re-injected exactly as the ingress stored it.
 */
public record StoredRecord(byte[] key, byte[] value, long timestamp, List<StoredHeader> headers) {

    /** One header; its value may be null. */
    public record StoredHeader(String name, byte[] value) {
    }

    public static StoredRecord of(final ConsumerRecord<byte[], byte[]> record) {
        final List<StoredHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new StoredHeader(header.key(), header.value()));
        }
        return new StoredRecord(record.key(), record.value(), record.timestamp(), List.copyOf(headers));
    }

    /** The headers, without those whose name is in {@code drop}. */
    public RecordHeaders kafkaHeaders(final java.util.Set<String> drop) {
        final RecordHeaders kafka = new RecordHeaders();
        headers.stream().filter(h -> !drop.contains(h.name())).forEach(h -> kafka.add(h.name(), h.value()));
        return kafka;
    }
}
