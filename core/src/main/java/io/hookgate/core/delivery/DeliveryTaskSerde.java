package io.hookgate.core.delivery;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of delivery tasks ({@link DeliveryTaskRecord}): the envelope as the value, the task in
 * the record's headers. It needs the headers, so it cannot serve where Kafka offers none.
 */
public final class DeliveryTaskSerde implements Serde<DeliveryTask> {

    @Override
    public Serializer<DeliveryTask> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(final String topic, final DeliveryTask task) {
                throw new UnsupportedOperationException("a delivery task is written with its headers");
            }

            @Override
            public byte[] serialize(final String topic, final Headers headers, final DeliveryTask task) {
                if (task == null) {
                    return null;
                }
                DeliveryTaskRecord.headers(task).forEach(headers::add);
                return DeliveryTaskRecord.value(task);
            }
        };
    }

    @Override
    public Deserializer<DeliveryTask> deserializer() {
        return new Deserializer<>() {
            @Override
            public DeliveryTask deserialize(final String topic, final byte[] value) {
                throw new UnsupportedOperationException("a delivery task is read with its headers");
            }

            @Override
            public DeliveryTask deserialize(final String topic, final Headers headers, final byte[] value) {
                return DeliveryTaskRecord.decode(headers, value);
            }
        };
    }
}
