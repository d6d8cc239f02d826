package io.hookgate.admin.internals.replay;

import io.hookgate.admin.api.model.ReplayState;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Claims that hold within this process only, for a single admin instance (and tests): an entry
 * whose replay is under way here, or which this process knows replayed, is not claimed again unless
 * forced; settling writes the entry's state to {@code topic}. {@link KafkaReplayClaims} holds across instances.
 */
public final class LocalReplayClaims implements ReplayClaims {

    private static final int SEND_TIMEOUT_SECONDS = 30;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Set<String> held = new HashSet<>();

    public LocalReplayClaims(final Producer<byte[], byte[]> producer, final String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public synchronized Optional<Claim> claim(final String key, final boolean force, final int knownCount) {
        if (!force && (knownCount > 0 || held.contains(key))) {
            return Optional.empty();
        }
        held.add(key);
        return Optional.of(new Claim(key, UUID.randomUUID().toString(), knownCount));
    }

    @Override
    public void settle(final Claim claim, final ReplayState replayed) {
        try {
            if (replayed != null) {
                ReplaySends.acknowledged(producer, new ProducerRecord<>(topic, claim.key().getBytes(StandardCharsets.UTF_8),
                    io.hookgate.core.json.Json.write(replayed)), SEND_TIMEOUT_SECONDS);
            }
        } finally {
            synchronized (this) {
                held.remove(claim.key());
            }
        }
    }
}
