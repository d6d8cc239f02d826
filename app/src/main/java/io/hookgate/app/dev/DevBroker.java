package io.hookgate.app.dev;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The single-node KRaft broker of {@code hookgate dev}: Kafka's own production entry point
 * ({@link KafkaRaftServer}) in this process, listening on loopback only, with its data under
 * {@code .hookgate/kafka} so a restart keeps every topic and offset. The storage is formatted on
 * the first start only. Sized small for a laptop.
 */
public final class DevBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevBroker.class);
    private static final String HOST = "127.0.0.1";

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    private String clusterId;
    private List<AbortTransactionSpec> repaired = List.of();

    public DevBroker(final Path logDir, final int port, final int controllerPort) {
        this.logDir = logDir.toAbsolutePath().normalize();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats the storage if it is new, starts the broker and waits until it serves requests, then
     * aborts any transaction a crash left hanging ({@link HangingTransactions}).
     *
     * @throws IllegalStateException naming the port when one is taken, or when the broker fails
     */
    public void start() {
        requireFree(port, "Kafka broker");
        requireFree(controllerPort, "Kafka controller");
        final KafkaConfig config = new KafkaConfig(properties(), false);
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                LOG.info("Formatting the dev broker's storage in {}", logDir);
                new Formatter()
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
            }
            clusterId = readClusterId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the dev broker's storage in " + logDir + ": " + e.getMessage(), e);
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        // Returns once the broker is unfenced: clients can produce right away.
        server.startup();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            verifyIdentity(admin);
            // Before any client starts: a transaction a crash left hanging would hold the processor in REBALANCING.
            repaired = HangingTransactions.abortAll(admin);
        }
    }

    /** The partitions' hanging transactions the last start aborted (none, unless a crash left one). */
    public List<AbortTransactionSpec> repairedTransactions() {
        return repaired;
    }

    /** The bootstrap address of this broker. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    private Map<String, Object> properties() {
        final Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One broker: every internal topic has one replica; exactly-once needs the transaction log too.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // A small footprint: about 200 MB resident instead of 340 MB.
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.cleaner.threads", "1");
        // A quick restart after a crash (kill -9): 12 s down to under 5 s.
        props.put("broker.session.timeout.ms", "2000");
        props.put("broker.heartbeat.interval.ms", "500");
        // After a crash, the killed processor's open transaction blocks its successor's reads until
        // it is aborted: look for timed-out transactions every second instead of every ten.
        props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        return props;
    }

    private static void requireFree(final int port, final String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use; stop what uses it or set "
                + ("Kafka broker".equals(what) ? "kafka.bootstrapServers" : "dev.controllerPort") + " to another port");
        }
    }

    private String readClusterId() throws IOException {
        final Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(logDir.resolve("meta.properties"))) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }

    /** Makes sure the broker answering on the port is this one, not a foreign broker that got there first. */
    private void verifyIdentity(final Admin admin) {
        try {
            final String answering = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            if (!clusterId.equals(answering)) {
                throw new IllegalStateException("the broker on " + bootstrapServers() + " is cluster " + answering
                    + ", not the dev broker's " + clusterId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the dev broker", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the dev broker did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
