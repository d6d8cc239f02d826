package io.hookgate.core.topics;

import java.time.Duration;
import java.util.Map;

/**
 * A topic hookgate needs, with how it is created.
 *
 * @param configs topic settings beyond retention and clean-up ({@code min.insync.replicas}, {@code max.message.bytes})
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Duration retention, boolean compacted,
                        Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public TopicSpec(final String name, final int partitions, final short replicationFactor, final Duration retention,
                     final boolean compacted) {
        this(name, partitions, replicationFactor, retention, compacted, Map.of());
    }
}
