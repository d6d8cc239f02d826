package io.hookgate.bench.dedup;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.util.HashMap;
import java.util.Map;

/**
 * Empties every topic a {@link TopologyTestDriver} captured output to (sinks and changelogs),
 * so that millions of records do not pile up in its memory, counting what each received.
 */
final class TopologyOutputs {

    private final TopologyTestDriver driver;
    private final Map<String, TestOutputTopic<byte[], byte[]>> topics = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();

    TopologyOutputs(final TopologyTestDriver driver) {
        this.driver = driver;
    }

    /** Reads and drops everything captured so far. */
    void drain() {
        for (String name : driver.producedTopicNames()) {
            final TestOutputTopic<byte[], byte[]> topic = topics.computeIfAbsent(name,
                n -> driver.createOutputTopic(n, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            long read = 0;
            while (!topic.isEmpty()) {
                topic.readRecord();
                read++;
            }
            counts.merge(name, read, Long::sum);
        }
    }

    /** Records {@code topic} received so far. */
    long count(final String topic) {
        return counts.getOrDefault(topic, 0L);
    }
}
