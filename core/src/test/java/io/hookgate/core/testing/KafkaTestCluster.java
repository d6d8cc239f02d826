package io.hookgate.core.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A real single-node KRaft broker in the test JVM, from Kafka's own test kit. The only place
 * that touches {@code KafkaClusterTestKit} (an internal Kafka API), so that a Kafka upgrade
 * touches one file. Formats at the latest production metadata version with unstable APIs off,
 * and sets the single-broker replication factors exactly-once needs.
 */
public final class KafkaTestCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestCluster.class);
    private static final int START_ATTEMPTS = 3;

    private final KafkaClusterTestKit cluster;
    private boolean closed;

    private KafkaTestCluster(final KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker, retrying with a fresh one: quorum formation can time out on a loaded 2-core machine. */
    public static KafkaTestCluster start() throws Exception {
        Exception last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            KafkaClusterTestKit cluster = null;
            try {
                cluster = build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                return new KafkaTestCluster(cluster);
            } catch (Exception e) {
                last = e;
                LOG.warn("Test broker failed to start (attempt {} of {})", attempt, START_ATTEMPTS, e);
                if (cluster != null) {
                    closeQuietly(cluster);
                }
            }
        }
        throw last;
    }

    private static KafkaClusterTestKit build() throws Exception {
        final MetadataVersion version = MetadataVersion.latestProduction();
        final Map<String, Short> features = Feature.PRODUCTION_FEATURES.stream().collect(Collectors.toMap(
            Feature::featureName, feature -> feature.defaultLevel(version), (a, b) -> a, TreeMap::new));
        final TestKitNodes nodes = new TestKitNodes.Builder(BootstrapMetadata.fromVersions(version, features, "hookgate-test"))
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
        final KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("unstable.api.versions.enable", "false")
            .setConfigProp("unstable.feature.versions.enable", "false")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
            .setConfigProp("auto.create.topics.enable", "false")
            .setConfigProp("num.partitions", "1")
            .build();
        // Teardown of a KRaft node can report benign faults; they must not fail the tests.
        cluster.nonFatalFaultHandler().setIgnore(true);
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** An admin client of this cluster; the caller closes it. */
    public Admin admin() {
        return cluster.admin();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(cluster);
        }
    }

    private static void closeQuietly(final KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Test broker did not close cleanly", e);
        }
    }
}
