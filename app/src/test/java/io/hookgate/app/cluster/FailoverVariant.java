package io.hookgate.app.cluster;

import java.util.Locale;
import java.util.Map;

/**
 * The hand-over settings one run of {@link ClusterFailoverIT} measures: what goes into hookgate's
 * {@code kafka} section and {@code processor.standbyReplicas}, and what each broker is given.
 * {@code -Dcluster.variant=} picks one by name.
 */
record FailoverVariant(String name, String kafkaYaml, int standbyReplicas, Map<String, String> brokerSettings) {

    /** Kafka's defaults and hookgate's before this test: classic groups, a 15 s session, no standby. */
    static final FailoverVariant BASELINE = new FailoverVariant("baseline",
        "groupProtocol: classic, sessionTimeout: 15s", 0, Map.of());

    /** Brokers that notice a dead node or an abandoned transaction within seconds (both variants below use them). */
    private static final Map<String, String> QUICK_BROKERS = Map.of(
        "broker.session.timeout.ms", "3000",
        "broker.heartbeat.interval.ms", "1000",
        "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");

    /** Classic groups with the shortest session the brokers allow by default (6 s), shorter transactions, one standby. */
    static final FailoverVariant CLASSIC_FAST = new FailoverVariant("classic-fast",
        "groupProtocol: classic, sessionTimeout: 6s, properties: {transaction.timeout.ms: \"5000\"}", 1, QUICK_BROKERS);

    /** KIP-848 and KIP-1071 groups, their sessions (broker-side) as short as the classic ones above, one standby. */
    static final FailoverVariant CONSUMER = new FailoverVariant("consumer",
        "groupProtocol: consumer, properties: {transaction.timeout.ms: \"5000\"}", 1, with(QUICK_BROKERS, Map.of(
            "group.consumer.min.session.timeout.ms", "6000",
            "group.consumer.session.timeout.ms", "6000",
            "group.consumer.min.heartbeat.interval.ms", "1000",
            "group.consumer.heartbeat.interval.ms", "2000",
            "group.streams.min.session.timeout.ms", "6000",
            "group.streams.session.timeout.ms", "6000",
            "group.streams.min.heartbeat.interval.ms", "1000",
            "group.streams.heartbeat.interval.ms", "2000",
            "group.streams.num.standby.replicas", "1")));

    /** The variant {@code -Dcluster.variant} names; {@code fallback} when it names none. */
    static FailoverVariant fromSystemProperty(final FailoverVariant fallback) {
        final String name = System.getProperty("cluster.variant", fallback.name()).toLowerCase(Locale.ROOT);
        for (FailoverVariant variant : new FailoverVariant[] {BASELINE, CLASSIC_FAST, CONSUMER}) {
            if (variant.name().equals(name)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("cluster.variant " + name + " is none of baseline, classic-fast, consumer");
    }

    private static Map<String, String> with(final Map<String, String> base, final Map<String, String> more) {
        final java.util.HashMap<String, String> all = new java.util.HashMap<>(base);
        all.putAll(more);
        return Map.copyOf(all);
    }
}
