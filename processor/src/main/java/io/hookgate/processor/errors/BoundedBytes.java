package io.hookgate.processor.errors;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A pass-through serde of byte values that refuses, as a serialization error, a value larger than
 * its bound. Under exactly-once a record the producer refuses as too large leaves the transaction
 * unusable and the thread dies on the same record at every restart; a serialization error instead
 * reaches {@link DivertingProductionExceptionHandler} before the producer sees the record, and the
 * task goes on. The processor's own checks keep values below the bound: this is the backstop.
 */
public final class BoundedBytes {

    private BoundedBytes() {
    }

    public static Serde<byte[]> serde(final int maxBytes) {
        final Serializer<byte[]> bounded = (topic, value) -> {
            if (value != null && value.length > maxBytes) {
                throw new ValueTooLargeException("a value of " + value.length + " bytes for " + topic + " is over the limit of " + maxBytes);
            }
            return value;
        };
        return Serdes.serdeFrom(bounded, Serdes.ByteArray().deserializer());
    }

    /** A value over its bound. */
    public static final class ValueTooLargeException extends SerializationException {
        ValueTooLargeException(final String message) {
            super(message);
        }
    }
}
