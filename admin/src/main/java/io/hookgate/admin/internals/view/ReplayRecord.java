package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.ReplayState;

import io.hookgate.core.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A record of {@code admin.replays}: the replay state of entry {@code id} of {@code kind}, keyed
 * {@code dlq:<id>} or {@code rejected:<id>}; a tombstone ({@code state} null) forgets it, as
 * compaction will. The claims of replays under way ({@code claim:<kind>:<id>}, see
 * {@code KafkaReplayClaims}) share the topic and are no state: {@link #of} answers null for them.
 */
record ReplayRecord(String kind, String id, ReplayState state) {

    static final String DLQ = "dlq";
    static final String REJECTED = "rejected";

    /** Claims of replays under way start so. */
    static final String CLAIM_PREFIX = "claim:";

    /**
     * The replay state {@code record} holds, or null when it is a replay's claim (not a state).
     *
     * @throws UnreadableRecord when the key or the value is not a replay state's
     */
    static ReplayRecord of(final ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            throw new UnreadableRecord("no key (expected dlq:<id> or rejected:<id>)");
        }
        final String key = new String(record.key(), StandardCharsets.UTF_8);
        if (key.startsWith(CLAIM_PREFIX)) {
            return null;
        }
        final int colon = key.indexOf(':');
        final String kind = colon < 0 ? "" : key.substring(0, colon);
        if (!DLQ.equals(kind) && !REJECTED.equals(kind) || colon == key.length() - 1) {
            throw new UnreadableRecord("key is not dlq:<id> or rejected:<id>");
        }
        final String id = key.substring(colon + 1);
        if (record.value() == null) {
            return new ReplayRecord(kind, id, null);
        }
        final ReplayState state;
        try {
            state = Json.mapper().readValue(record.value(), ReplayState.class);
        } catch (IOException e) {
            throw new UnreadableRecord("value is not a replay state: " + EntryKinds.describe(e), e);
        }
        if (state == null || state.state() == null || state.count() < 1) {
            throw new UnreadableRecord("value is not a replay state: it needs state and a count of at least 1");
        }
        return new ReplayRecord(kind, id, state);
    }
}
