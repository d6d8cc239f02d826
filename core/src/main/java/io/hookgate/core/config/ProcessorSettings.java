package io.hookgate.core.config;

import java.time.Duration;

import static io.hookgate.core.config.ConfigKey.optional;

/** Section {@code processor}: the Kafka Streams application that verifies and deduplicates. */
public record ProcessorSettings(String stateDir, int threads, int standbyReplicas, Duration commitInterval) {

    public static final ConfigKey<String> STATE_DIR = optional("stateDir", ValueType.STRING, ".hookgate/streams",
        "Directory under which the processor keeps its RocksDB deduplication state (rebuilt from Kafka when lost), in a "
            + "folder named after admin.port (port-8081), so processors on one host never share one; keep it on a persistent disk.").validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Integer> THREADS = optional("threads", ValueType.INT, 1,
        "Stream threads of this instance.").validatedBy(Validator.between(1, 64));
    public static final ConfigKey<Integer> STANDBY_REPLICAS = optional("standbyReplicas", ValueType.INT, 0,
        "Standby copies of the deduplication state on other instances, for fast fail-over.").validatedBy(Validator.between(0, 8));
    public static final ConfigKey<Duration> COMMIT_INTERVAL = optional("commitInterval", ValueType.DURATION, Duration.ofMillis(100),
        "How often transactions commit: the floor of the latency to verified topics.").validatedBy(Validator.positive());

    public static final ConfigDef DEF = ConfigDef.of(STATE_DIR, THREADS, STANDBY_REPLICAS, COMMIT_INTERVAL);

    static ProcessorSettings from(final ConfigValues values) {
        return new ProcessorSettings(values.get(STATE_DIR), values.get(THREADS), values.get(STANDBY_REPLICAS),
            values.get(COMMIT_INTERVAL));
    }
}
