package io.hookgate.admin.internals.events;

import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.event.EncodedEventSerde;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Verified envelopes and raw requests as the processor and the ingress write them, for tests of an event's page. */
public final class EventRecords {

    public static final String SIGNATURE = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=";
    public static final String PAYLOAD = "{\"type\":\"order.paid\", \"amount\": 1.50}";

    private EventRecords() {
    }

    /** The envelope the processor writes for {@code eventId} of {@code source}, received at {@code receivedAt} as {@code ingressId}. */
    public static VerifiedEvent event(final String source, final String eventId, final String ingressId, final Instant receivedAt) {
        return new VerifiedEvent(VerifiedEvent.SCHEMA_VERSION, "evt_gw_" + eventId, source, "standard-webhooks", null, eventId,
            EventIdOrigin.PROVIDER, "order.paid", receivedAt, receivedAt.plusMillis(40), ingressId, List.of("id", "timestamp", "body"),
            RawJson.trusted(PAYLOAD.getBytes(StandardCharsets.UTF_8)));
    }

    /** The record of {@code verified.{source}} for {@code event}, as the processor's sink writes it: key, headers, envelope. */
    public static ProducerRecord<byte[], byte[]> verified(final String topic, final VerifiedEvent event) {
        final Headers headers = new RecordHeaders();
        final byte[] value = new EncodedEventSerde().serializer().serialize(topic, headers, EncodedEvent.of(event));
        return new ProducerRecord<>(topic, null, event.receivedAt().toEpochMilli(), event.dedupKey().getBytes(StandardCharsets.UTF_8), value,
            headers);
    }

    /** The raw request the ingress stored for {@code event}, with a signature and a bearer token among its headers. */
    public static RawRequest request(final VerifiedEvent event) {
        return new RawRequest(event.ingressId(), event.source(), event.receivedAt(), "203.0.113.9", "POST", "order=42",
            HttpHeaders.of(List.of(new HttpHeaders.Header("Content-Type", "application/json"),
                new HttpHeaders.Header("Webhook-Signature", SIGNATURE),
                new HttpHeaders.Header("Authorization", "Bearer s3cr3t-bearer"),
                new HttpHeaders.Header("User-Agent", "Acme-Hooks/2.1"))),
            PAYLOAD.getBytes(StandardCharsets.UTF_8));
    }

    /** The record of {@code ingress.raw} for {@code request}, as the ingress writes it (no partition hint: its key decides). */
    public static ProducerRecord<byte[], byte[]> raw(final String topic, final RawRequest request) {
        return new ProducerRecord<>(topic, null, request.receivedAt().toEpochMilli(), request.recordKey().getBytes(StandardCharsets.UTF_8),
            request.body(), RawRecordCodec.headers(request));
    }

    /** {@code record} as a consumer reads it at {@code partition} and {@code offset}. */
    public static ConsumerRecord<byte[], byte[]> consumed(final ProducerRecord<byte[], byte[]> record, final int partition, final long offset) {
        return new ConsumerRecord<>(record.topic(), partition, offset, record.timestamp(), TimestampType.CREATE_TIME, record.key().length,
            record.value().length, record.key(), record.value(), record.headers(), Optional.empty());
    }
}
