package io.hookgate.admin.internals.view;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the verified envelope of one event is in Kafka: all the admin index keeps of a verified
 * event, never its payload. The event's page reads the record at these coordinates.
 *
 * @param topic      its {@code verified.{source}} topic
 * @param partition  its partition
 * @param offset     its offset
 * @param receivedAt when the ingress received the request that carried it: the index forgets the
 *                   ref once the topic's retention has passed since
 */
public record VerifiedRef(String topic, int partition, long offset, Instant receivedAt) {

    public VerifiedRef {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** These coordinates as those of an original ({@link OriginalRef}), with no ingress id to check. */
    public OriginalRef original() {
        return new OriginalRef(topic, partition, offset, null);
    }
}
