package io.hookgate.processor.internals.errors;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that refuses, as a serialization error, a value whose bytes are larger than its bound.
 * Under exactly-once a record the producer refuses as too large leaves the transaction unusable
 * and the thread dies on the same record at every restart; a serialization error instead reaches
 * {@link DivertingProductionExceptionHandler} before the producer sees the record, and the task
 * goes on. The processor's own checks keep values below the bound: this is the backstop.
 */
public final class BoundedBytes {

    private BoundedBytes() {
    }

    /** Byte values, passed through, at most {@code maxBytes}. */
    public static Serde<byte[]> serde(final int maxBytes) {
        return serde(Serdes.ByteArray(), maxBytes);
    }

    /** {@code inner}, its serialized values at most {@code maxBytes}. */
    public static <T> Serde<T> serde(final Serde<T> inner, final int maxBytes) {
        final Serializer<T> bounded = new Serializer<>() {
            @Override
            public byte[] serialize(final String topic, final T value) {
                return checked(topic, inner.serializer().serialize(topic, value), maxBytes);
            }

            @Override
            public byte[] serialize(final String topic, final Headers headers, final T value) {
                return checked(topic, inner.serializer().serialize(topic, headers, value), maxBytes);
            }
        };
        return Serdes.serdeFrom(bounded, inner.deserializer());
    }

    private static byte[] checked(final String topic, final byte[] bytes, final int maxBytes) {
        if (bytes != null && bytes.length > maxBytes) {
            throw new ValueTooLargeException("a value of " + bytes.length + " bytes for " + topic + " is over the limit of " + maxBytes);
        }
        return bytes;
    }

    /** A value over its bound. */
    public static final class ValueTooLargeException extends SerializationException {
        ValueTooLargeException(final String message) {
            super(message);
        }
    }
}
