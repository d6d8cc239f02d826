package io.hookgate.core.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the assigned (groupless) consumers of hookgate do alike: start from a moment, and stop their polling thread. */
public final class Consumers {

    private Consumers() {
    }

    /**
     * Seeks each of {@code partitions} to its first record written at or after {@code epochMillis};
     * to its end where there is none.
     */
    public static void seekToTime(final Consumer<?, ?> consumer, final List<TopicPartition> partitions, final long epochMillis,
                                  final Duration timeout) {
        final Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, epochMillis));
        final Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, timeout);
        for (TopicPartition partition : partitions) {
            final OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    /**
     * Stops {@code thread}, which polls {@code consumer} and closes it on its way out: wakes the poll
     * and waits for the thread up to {@code timeout}; closes the consumer itself when the thread never started.
     */
    public static void stopPolling(final Thread thread, final Consumer<?, ?> consumer, final Duration timeout) {
        if (thread.getState() == Thread.State.NEW) {
            // Never started: the thread that would close the consumer never runs.
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
