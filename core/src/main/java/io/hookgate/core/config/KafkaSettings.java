package io.hookgate.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.hookgate.core.config.ConfigKey.optional;

/**
 * Section {@code kafka}: where the cluster is, the topic prefix, how topics are created, and any
 * Kafka client setting passed through as is (TLS, SASL, ...).
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    Map<String, String> properties,
    int partitions,
    short replicationFactor,
    Duration retention,
    boolean createTopics,
    int minInSyncReplicas,
    String groupProtocol,
    Duration sessionTimeout) {

    /** Parts of the name of a Kafka client setting that holds a credential, lower case. */
    static final List<String> SECRET_PROPERTY_WORDS = List.of("password", "secret", "jaas", "token", "credential", "key", "user.info");

    /** Overrides {@code kafka.bootstrapServers} when set. */
    public static final String BOOTSTRAP_SERVERS_ENV = "HOOKGATE_KAFKA_BOOTSTRAP_SERVERS";

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = optional("bootstrapServers", ValueType.STRING, "127.0.0.1:9092",
        "Comma-separated host:port list of the Kafka cluster; " + BOOTSTRAP_SERVERS_ENV + " overrides it. "
            + "In dev mode, where the embedded broker listens.")
        .validatedBy(Validator.nonEmpty().and(BootstrapServers::check));
    public static final ConfigKey<String> TOPIC_PREFIX = optional("topicPrefix", ValueType.STRING, "hookgate.",
        "Prefix of every topic and consumer group hookgate uses.")
        .validatedBy(Validator.matches(Pattern.compile("[A-Za-z0-9._-]{0,100}"), "a valid topic name prefix"));
    public static final ConfigKey<Map<String, String>> PROPERTIES = optional("properties", ValueType.STRING_MAP, Map.of(),
        "Kafka client settings passed to every producer, consumer, admin client and Streams instance; those whose name "
            + "contains " + String.join(", ", KafkaSettings.SECRET_PROPERTY_WORDS) + " (sasl.jaas.config, ssl.key.password, ...) "
            + "are secrets.")
        .secretEntries(KafkaSettings::isSecretProperty);
    public static final ConfigKey<Integer> PARTITIONS = optional("partitions", ValueType.INT, 6,
        "Partitions of each topic hookgate creates.")
        .validatedBy(Validator.between(1, 10_000));
    public static final ConfigKey<Integer> REPLICATION_FACTOR = optional("replicationFactor", ValueType.INT, 1,
        "Replication factor of each topic hookgate creates (use 3 in production).")
        .validatedBy(Validator.between(1, 32));
    public static final ConfigKey<Duration> RETENTION = optional("retention", ValueType.DURATION, Duration.ofDays(7),
        "Retention of the raw, rejected, verified and dispatch topics; the DLQ keeps entries four times as long. "
            + "Rejected requests keep credentials a sender presented, so they are kept no longer than the raw topic.")
        .validatedBy(Validator.positive());
    public static final ConfigKey<Boolean> CREATE_TOPICS = optional("createTopics", ValueType.BOOLEAN, true,
        "Whether each part creates the topics it needs at start when they are missing.");

    public static final ConfigKey<Integer> MIN_IN_SYNC_REPLICAS = optional("minInSyncReplicas", ValueType.INT, 0,
        "min.insync.replicas of each topic hookgate creates: how many replicas must have a write before it is acknowledged "
            + "(acks=all). 0 chooses 2 when replicationFactor is 3 or more, else 1.")
        .validatedBy(Validator.between(0, 32));

    /** {@link #GROUP_PROTOCOL}: the consumer group protocol of Kafka before 4.0. */
    public static final String CLASSIC = "classic";
    /** {@link #GROUP_PROTOCOL}: the protocols of KIP-848 (consumers) and KIP-1071 (Kafka Streams). */
    public static final String CONSUMER = "consumer";

    public static final ConfigKey<String> GROUP_PROTOCOL = optional("groupProtocol", ValueType.STRING, CLASSIC,
        "Group protocol of the processor and the dispatcher: classic, or consumer for Kafka 4's broker-driven protocols "
            + "(KIP-848 group.protocol=consumer for the dispatcher, with the range assignor; KIP-1071 group.protocol=streams "
            + "for the processor). With consumer, the brokers hold the session timeout (group.consumer.session.timeout.ms, "
            + "group.streams.session.timeout.ms) and the processor's standby replicas (group.streams.num.standby.replicas); "
            + "a rolling change from classic needs a new consumer group, so change it on a drained gateway.")
        .validatedBy(Validator.oneOf(Set.of(CLASSIC, CONSUMER)));
    public static final ConfigKey<Duration> SESSION_TIMEOUT = optional("sessionTimeout", ValueType.DURATION, Duration.ofSeconds(15),
        "With groupProtocol classic, how long the group waits for a processor or dispatcher that stopped answering (killed, "
            + "frozen) before its partitions go to the others: the pause a crash causes. It must lie within the brokers' "
            + "group.min.session.timeout.ms (6s by default) and group.max.session.timeout.ms.")
        .validatedBy(Validator.between(Duration.ofSeconds(1), Duration.ofMinutes(30)));

    public static final ConfigDef DEF = ConfigDef.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, PROPERTIES, PARTITIONS,
        REPLICATION_FACTOR, RETENTION, CREATE_TOPICS, MIN_IN_SYNC_REPLICAS, GROUP_PROTOCOL, SESSION_TIMEOUT);

    /**
     * The values of section {@code kafka} (read at {@code path}) as they apply: {@code minInSyncReplicas}
     * 0 replaced by the number it chooses, and {@code bootstrapServers} by {@code bootstrapOverride}
     * when that is set, after the same check (its problems reported at {@code path.bootstrapServers},
     * naming the variable).
     */
    static ConfigValues resolve(final ConfigValues values, final String bootstrapOverride, final String path,
                                final ConfigProblems problems) {
        final ConfigValues resolved = values.with(MIN_IN_SYNC_REPLICAS,
            minInSync(values.get(MIN_IN_SYNC_REPLICAS), values.get(REPLICATION_FACTOR)));
        if (bootstrapOverride == null || bootstrapOverride.isBlank()) {
            return resolved;
        }
        BootstrapServers.problems(bootstrapOverride).forEach(message ->
            problems.add(ConfigProblems.child(path, BOOTSTRAP_SERVERS.name()), BOOTSTRAP_SERVERS_ENV + " overrides it: " + message));
        return resolved.with(BOOTSTRAP_SERVERS, bootstrapOverride.strip());
    }

    /** The settings of {@code values} as {@link #resolve} made them. */
    static KafkaSettings from(final ConfigValues values) {
        return new KafkaSettings(
            values.get(BOOTSTRAP_SERVERS),
            values.get(TOPIC_PREFIX),
            values.get(PROPERTIES),
            values.get(PARTITIONS),
            values.get(REPLICATION_FACTOR).shortValue(),
            values.get(RETENTION),
            values.get(CREATE_TOPICS),
            values.get(MIN_IN_SYNC_REPLICAS),
            values.get(GROUP_PROTOCOL),
            values.get(SESSION_TIMEOUT));
    }

    /** Whether the processor and the dispatcher use the broker-driven group protocols of KIP-848 and KIP-1071. */
    public boolean consumerGroupProtocol() {
        return CONSUMER.equals(groupProtocol);
    }

    /** Whether the Kafka client setting {@code name} holds a credential, to be masked where the configuration is shown. */
    static boolean isSecretProperty(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_PROPERTY_WORDS.stream().anyMatch(lower::contains);
    }

    private static int minInSync(final int configured, final int replicationFactor) {
        if (configured > 0) {
            return configured;
        }
        // A lone surviving replica must not acknowledge alone when there are enough to do better.
        return replicationFactor >= 3 ? 2 : 1;
    }
}
