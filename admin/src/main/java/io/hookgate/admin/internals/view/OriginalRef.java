package io.hookgate.admin.internals.view;

/**
 * Where the original of an indexed entry is in Kafka, and what identifies it there: all the index
 * keeps of a rejected request beside its redacted copy. Replay reads the record at these
 * coordinates, so that what it re-injects is byte for byte what the ingress stored.
 *
 * @param topic     the topic of the original
 * @param partition its partition
 * @param offset    its offset
 * @param ingressId the ingress id the original carries, or null: checked on reading, so that a
 *                  recreated topic's record at the same offset is never taken for it
 */
public record OriginalRef(String topic, int partition, long offset, String ingressId) {
}
