package io.hookgate.core.kafka;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;

/**
 * How large a record hookgate writes may be, derived once from the configuration so that every
 * producer's {@code max.request.size}, every topic's {@code max.message.bytes} and every check
 * before a write agree. The largest raw record is the largest {@code maxBodyBytes} plus the largest
 * request head the ingress accepts plus hookgate's own headers; derived records (an envelope, a
 * task, a DLQ entry) must fit in the same bound, and the processor rejects with
 * {@code payload_too_large} what would not, instead of failing on the write.
 *
 * @param maxBodyBytes   the largest body any source accepts
 * @param maxRecordBytes the largest record (key, value and headers) hookgate writes
 */
public record RecordLimits(int maxBodyBytes, int maxRecordBytes) {

    /** Room for hookgate's own headers and a record's framing, beyond the body and the HTTP head. */
    static final int OVERHEAD_BYTES = 64 * 1024;
    /** Room kept in a record for what a task or DLQ entry adds around an envelope (ids, attempts, detail). */
    public static final int ENVELOPE_MARGIN_BYTES = 32 * 1024;
    /** A record batch's own framing, beyond its one record. */
    private static final int BATCH_OVERHEAD_BYTES = 1024;

    public static RecordLimits of(final HookgateConfig config) {
        final int maxBody = config.sources().values().stream().mapToInt(SourceConfig::maxBodyBytes).max().orElse(0);
        return new RecordLimits(maxBody, maxBody + config.ingress().maxHeaderBytes() + OVERHEAD_BYTES);
    }

    /** The largest envelope the processor forwards: what leaves room for a task's or DLQ entry's fields. */
    public int maxEnvelopeBytes() {
        return maxRecordBytes - ENVELOPE_MARGIN_BYTES;
    }

    /** The {@code max.request.size} of hookgate's producers, and the {@code max.message.bytes} of its topics. */
    public int maxRequestBytes() {
        return maxRecordBytes + BATCH_OVERHEAD_BYTES;
    }

    /** The producer settings that let every record within these limits through (a record must fit in the buffer too). */
    public Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes(),
            ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * 1024 * 1024, 2L * maxRequestBytes()));
    }

    /** The path of the source whose {@code maxBodyBytes} sets these limits, for configuration errors. */
    public static String bodyLimitPath(final HookgateConfig config) {
        return config.sources().values().stream().max(java.util.Comparator.comparingInt(SourceConfig::maxBodyBytes))
            .map(source -> "sources." + source.id() + ".maxBodyBytes").orElse("sources");
    }

    /** The topic setting that lets every record within these limits in. */
    public Map<String, String> topicConfig() {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxRequestBytes()));
    }

    /** The size Kafka's producer counts for a record before sending it (an upper bound, uncompressed). */
    public static int estimatedSize(final byte[] key, final byte[] value, final org.apache.kafka.common.header.Headers headers) {
        int size = 64 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        if (headers != null) {
            for (org.apache.kafka.common.header.Header header : headers) {
                size += 10 + header.key().length() * 3 + (header.value() == null ? 0 : header.value().length);
            }
        }
        return size;
    }
}
