package io.hookgate.core.topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/**
 * One of hookgate's topics: its name and the one way its keys and values are written and read.
 * Every producer and consumer of the topic goes through it, so no call site picks a serde or
 * builds a header. A value's serde may use the record's headers (a delivery task's fields, a raw
 * request's metadata), which is why records are made and read here rather than with bare serdes.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public record Topic<K, V>(String name, Serde<K> keys, Serde<V> values) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
    }

    /** The record of {@code key} and {@code value}, serialized, with the headers its value carries. */
    public ProducerRecord<byte[], byte[]> record(final K key, final V value) {
        return record(null, null, key, value);
    }

    /** As {@link #record(Object, Object)}, into {@code partition} (null: by key) with {@code timestamp} (null: now). */
    public ProducerRecord<byte[], byte[]> record(final Integer partition, final Long timestamp, final K key, final V value) {
        final Headers headers = new RecordHeaders();
        final byte[] keyBytes = keys.serializer().serialize(name, headers, key);
        final byte[] valueBytes = values.serializer().serialize(name, headers, value);
        return new ProducerRecord<>(name, partition, timestamp, keyBytes, valueBytes, headers);
    }

    /**
     * The value of {@code record}, one of this topic's.
     *
     * @throws org.apache.kafka.common.errors.SerializationException or the value type's own
     *         malformed-record exception when it is not such a value
     */
    public V value(final ConsumerRecord<byte[], byte[]> record) {
        return values.deserializer().deserialize(name, record.headers(), record.value());
    }

    /** The key of {@code record}, one of this topic's. */
    public K key(final ConsumerRecord<byte[], byte[]> record) {
        return keys.deserializer().deserialize(name, record.headers(), record.key());
    }
}
