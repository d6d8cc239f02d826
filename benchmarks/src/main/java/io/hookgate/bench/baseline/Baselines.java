package io.hookgate.bench.baseline;

import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.proc.Children;
import io.hookgate.bench.proc.JvmCommand;

import java.time.Duration;
import java.util.regex.Pattern;

/** Starts the baselines, each in a JVM of its own with the flags of the hookgate part it is compared with. */
public final class Baselines {

    private static final Pattern THIN_INGRESS = Pattern.compile("^THIN-INGRESS (\\d+)");
    private static final Pattern THIN_DISPATCHER = Pattern.compile("^THIN-DISPATCHER polling");

    private Baselines() {
    }

    /**
     * Starts a {@link ThinIngress} writing to {@code topic} (which must exist).
     *
     * @return the port it listens on
     */
    public static int thinIngress(final Children children, final JvmCommand jvm, final String name, final String bootstrap,
                                  final String topic) throws InterruptedException {
        final ChildProcess process = children.start(name, jvm.baseline(ThinIngress.class, "--bootstrap", bootstrap, "--topic", topic));
        return Integer.parseInt(process.awaitLine(THIN_INGRESS, Duration.ofMinutes(2)).group(1));
    }

    /** Starts a {@link ThinDispatcher} posting the records of {@code topic} to {@code url}, {@code inFlight} at a time. */
    public static ChildProcess thinDispatcher(final Children children, final JvmCommand jvm, final String name, final String bootstrap,
                                              final String topic, final String group, final String url, final int inFlight)
        throws InterruptedException {
        final ChildProcess process = children.start(name, jvm.baseline(ThinDispatcher.class, "--bootstrap", bootstrap, "--topic", topic,
            "--group", group, "--url", url, "--in-flight", Integer.toString(inFlight)));
        process.awaitLine(THIN_DISPATCHER, Duration.ofMinutes(2));
        return process;
    }
}
