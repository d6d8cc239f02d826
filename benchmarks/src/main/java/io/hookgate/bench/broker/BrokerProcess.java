package io.hookgate.bench.broker;

import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.proc.Children;
import io.hookgate.bench.proc.JvmCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** A {@link BrokerMain} started by a benchmark, and how to reach it. */
public final class BrokerProcess {

    private static final Pattern READY = Pattern.compile("^BOOTSTRAP (\\S+)");

    private final ChildProcess process;
    private final String bootstrapServers;

    private BrokerProcess(final ChildProcess process, final String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker named {@code name} with its log in {@code dataDir}, and waits until it serves requests. */
    public static BrokerProcess start(final Children children, final JvmCommand jvm, final String name, final Path dataDir)
        throws InterruptedException {
        final ChildProcess process = children.start(name, jvm.helper(BrokerMain.class, "--data-dir", dataDir.toString()));
        final String bootstrap = process.awaitLine(READY, Duration.ofMinutes(3)).group(1);
        return new BrokerProcess(process, bootstrap);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ChildProcess process() {
        return process;
    }

    /** An admin client of this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
