package io.hookgate.bench.broker;

import io.hookgate.app.dev.DevBroker;
import io.hookgate.bench.proc.FreePorts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The broker process of a benchmark: the single-node KRaft broker of {@code hookgate dev}
 * (Kafka's own {@link kafka.server.KafkaRaftServer}) alone in its JVM, so that nothing measured
 * shares the broker's heap, threads or collector. Prints {@code BOOTSTRAP host:port} once it
 * serves requests, and stops when its stdin closes (the benchmark ends) or it is killed.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, description = "A KRaft broker for a benchmark run.")
public final class BrokerMain implements Callable<Integer> {

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
        System.out.println("BOOTSTRAP " + broker.bootstrapServers());
        System.out.flush();
        // Stay up until the benchmark closes our stdin (or dies, which closes it too).
        while (System.in.read() >= 0) {
            continue;
        }
        return 0;
    }
}
