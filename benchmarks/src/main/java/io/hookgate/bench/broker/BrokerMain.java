package io.hookgate.bench.broker;

import io.hookgate.app.dev.DevBroker;
import io.hookgate.bench.proc.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker process of a benchmark: the single-node KRaft broker of {@code hookgate dev}
 * (Kafka's own {@link kafka.server.KafkaRaftServer}) alone in its JVM, so that nothing measured
 * shares the broker's heap, threads or collector. Prints {@code BOOTSTRAP host:port} once it
 * serves requests, and stops when its stdin closes (the benchmark ends) or it is killed.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, description = "A KRaft broker for a benchmark run.")
public final class BrokerMain implements Callable<Integer> {

    private static final String PROBE = "bench.broker-ready";

    @Option(names = "--data-dir", required = true, description = "Directory of the broker's log (formatted on first use).")
    private Path dataDir;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new BrokerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final DevBroker broker = new DevBroker(dataDir, FreePorts.next(), FreePorts.next());
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-broker"));
        awaitServing(broker.bootstrapServers());
        System.out.println("BOOTSTRAP " + broker.bootstrapServers());
        System.out.flush();
        // Stay up until the benchmark closes our stdin (or dies, which closes it too).
        while (System.in.read() >= 0) {
            continue;
        }
        return 0;
    }

    /**
     * Waits until a topic can be created, described and listed: on a loaded machine an unfenced
     * broker can still answer that it hosts no such partition for a moment.
     */
    private static void awaitServing(final String bootstrap) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                try {
                    try {
                        admin.createTopics(List.of(new NewTopic(PROBE, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                    admin.describeTopics(List.of(PROBE)).allTopicNames().get(10, TimeUnit.SECONDS);
                    admin.listTopics().names().get(10, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker does not serve admin requests: " + e.getMessage(), e);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }
}
