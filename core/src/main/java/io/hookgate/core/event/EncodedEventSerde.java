package io.hookgate.core.event;

import io.hookgate.core.json.RawJson;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The serde of {@link EncodedEvent}s: the envelope as the value, the {@link EventRef} as {@link EventRefHeaders}. */
public final class EncodedEventSerde implements Serde<EncodedEvent> {

    @Override
    public Serializer<EncodedEvent> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(final String topic, final EncodedEvent event) {
                throw new UnsupportedOperationException("an encoded event is written with its headers");
            }

            @Override
            public byte[] serialize(final String topic, final Headers headers, final EncodedEvent event) {
                if (event == null) {
                    return null;
                }
                EventRefHeaders.write(headers, event.ref());
                return event.envelope().bytes();
            }
        };
    }

    @Override
    public Deserializer<EncodedEvent> deserializer() {
        return new Deserializer<>() {
            @Override
            public EncodedEvent deserialize(final String topic, final byte[] value) {
                throw new UnsupportedOperationException("an encoded event is read with its headers");
            }

            @Override
            public EncodedEvent deserialize(final String topic, final Headers headers, final byte[] value) {
                return value == null ? null : new EncodedEvent(EventRefHeaders.read(headers), RawJson.trusted(value));
            }
        };
    }
}
