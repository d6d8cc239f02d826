package io.hookgate.core.json;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * A Kafka serde of one of hookgate's JSON records ({@code VerifiedEvent}, {@code DeliveryTask},
 * {@code DlqEntry}). Unreadable bytes raise Kafka's {@link SerializationException}.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final Function<T, byte[]> writer;

    public JsonSerde(final Class<T> type) {
        this(type, Json::write);
    }

    /** @param writer writes a {@code T} as its data binding would, faster (a streaming writer) */
    public JsonSerde(final Class<T> type, final Function<T, byte[]> writer) {
        this.type = type;
        this.writer = writer;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : writer.apply(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return Json.read(bytes, type);
            } catch (UncheckedIOException e) {
                throw new SerializationException("record of " + topic + " is " + e.getMessage(), e);
            }
        };
    }
}
