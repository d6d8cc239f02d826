package io.hookgate.core.topics;

import java.time.Duration;

/** A topic hookgate needs, with how it is created. */
public record TopicSpec(String name, int partitions, short replicationFactor, Duration retention, boolean compacted) {
}
