package io.hookgate.admin.internals.events;

import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.core.event.EventRef;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;

/** Finds the record of {@code ingress.raw} that carried a verified event: its raw request, credentials and all. */
public interface RawRequests {

    /**
     * The raw record of {@code event}'s request (the one of its ingress id), or empty when it is no
     * longer found (retention took it, or it is not where and when the event says).
     *
     * @throws Unavailable when Kafka does not answer in time
     */
    Optional<ConsumerRecord<byte[], byte[]>> find(EventRef event);
}
