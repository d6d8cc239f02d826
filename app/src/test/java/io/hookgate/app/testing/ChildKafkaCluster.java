package io.hookgate.app.testing;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A KRaft cluster of combined (broker and controller) nodes, each Kafka's own {@code kafka.Kafka} in a
 * child JVM on this JVM's classpath, so that a node can be killed for real: {@link #kill(int)} is
 * SIGKILL, with no controlled shutdown. ({@code KafkaClusterTestKit} runs its nodes inside the test
 * JVM, where only a graceful shutdown is possible.) Every internal topic has three replicas and
 * needs two in sync. {@code overrides} are added to each node's settings.
 */
public final class ChildKafkaCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final List<Integer> brokerPorts = new ArrayList<>();
    private final List<Integer> controllerPorts = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();

    private ChildKafkaCluster(final Path dir) {
        this.dir = dir;
    }

    /** Formats and starts {@code size} nodes under {@code dir}; returns once each process runs (not once it is ready). */
    public static ChildKafkaCluster start(final Path dir, final int size, final Map<String, String> overrides)
        throws IOException, InterruptedException {
        Files.createDirectories(dir);
        final ChildKafkaCluster cluster = new ChildKafkaCluster(dir);
        for (int i = 0; i < size; i++) {
            cluster.brokerPorts.add(freePort());
            cluster.controllerPorts.add(freePort());
        }
        final String clusterId = Uuid.randomUuid().toString();
        final List<Process> formats = new ArrayList<>();
        for (int node = 1; node <= size; node++) {
            final Path properties = cluster.writeProperties(node, overrides);
            formats.add(cluster.java(cluster.dir.resolve("format-" + node + ".log"),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString()));
        }
        for (int i = 0; i < size; i++) {
            if (!formats.get(i).waitFor(120, TimeUnit.SECONDS) || formats.get(i).exitValue() != 0) {
                throw new IllegalStateException("formatting node " + (i + 1) + " failed:\n"
                    + Files.readString(dir.resolve("format-" + (i + 1) + ".log")));
            }
        }
        for (int node = 1; node <= size; node++) {
            cluster.nodes.add(cluster.java(dir.resolve("node-" + node + ".log"), "kafka.Kafka",
                dir.resolve("node-" + node + ".properties").toString()));
        }
        return cluster;
    }

    /** host:port of every node's broker listener. */
    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
    }

    /** SIGKILL of node {@code node} (1-based). */
    public void kill(final int node) throws InterruptedException {
        final Process process = nodes.get(node - 1);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The output of node {@code node} so far. */
    public String log(final int node) throws IOException {
        return Files.readString(dir.resolve("node-" + node + ".log"));
    }

    private Path writeProperties(final int node, final Map<String, String> overrides) throws IOException {
        final Map<String, String> props = new TreeMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node));
        props.put("controller.quorum.voters", IntStream.range(0, controllerPorts.size())
            .mapToObj(i -> (i + 1) + "@" + HOST + ":" + controllerPorts.get(i)).collect(Collectors.joining(",")));
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPorts.get(node - 1) + ",CONTROLLER://" + HOST + ":"
            + controllerPorts.get(node - 1));
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPorts.get(node - 1));
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir.resolve("data-" + node).toString());
        props.put("offsets.topic.replication.factor", "3");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        props.put("share.coordinator.state.topic.replication.factor", "3");
        props.put("share.coordinator.state.topic.min.isr", "2");
        props.put("default.replication.factor", "3");
        props.put("min.insync.replicas", "2");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // A small footprint: three nodes and six parts share a small machine.
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.cleaner.threads", "1");
        props.putAll(overrides);
        final Properties properties = new Properties();
        properties.putAll(props);
        final Path file = dir.resolve("node-" + node + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "node " + node);
        }
        return file;
    }

    private Process java(final Path log, final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes) {
            node.destroyForcibly();
        }
        for (Process node : nodes) {
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
