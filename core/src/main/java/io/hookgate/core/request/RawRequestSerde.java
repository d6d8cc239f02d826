package io.hookgate.core.request;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of raw requests ({@link RawRecordCodec}): the body as the value, unchanged, and the
 * request's metadata and HTTP headers in the record's headers.
 */
public final class RawRequestSerde implements Serde<RawRequest> {

    @Override
    public Serializer<RawRequest> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(final String topic, final RawRequest request) {
                throw new UnsupportedOperationException("a raw request is written with its headers");
            }

            @Override
            public byte[] serialize(final String topic, final Headers headers, final RawRequest request) {
                if (request == null) {
                    return null;
                }
                RawRecordCodec.headers(request).forEach(headers::add);
                return request.body();
            }
        };
    }

    @Override
    public Deserializer<RawRequest> deserializer() {
        return new Deserializer<>() {
            @Override
            public RawRequest deserialize(final String topic, final byte[] value) {
                throw new UnsupportedOperationException("a raw request is read with its headers");
            }

            @Override
            public RawRequest deserialize(final String topic, final Headers headers, final byte[] value) {
                return RawRecordCodec.decode(headers, value);
            }
        };
    }
}
