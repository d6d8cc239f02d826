package io.hookgate.bench.proc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A hookgate process a benchmark started from the app jar: one part
 * ({@code hookgate ingress|processor|dispatcher --config FILE}) or {@code hookgate dev}, waited
 * for until it says it is running.
 */
public final class HookgateProcess {

    private static final Pattern PART_RUNNING = Pattern.compile("^hookgate \\w+ running against");
    private static final Pattern DEV_READY = Pattern.compile("^hookgate dev is ready");

    private HookgateProcess() {
    }

    /** Starts {@code hookgate <part> --config <config>} and waits until it runs. */
    public static ChildProcess part(final Children children, final JvmCommand jvm, final String name, final String part,
                                    final Path config) throws InterruptedException {
        final ChildProcess process = children.start(name, jvm.hookgate(part, "--config", config.toString()));
        process.awaitLine(PART_RUNNING, Duration.ofMinutes(3));
        return process;
    }

    /** Starts {@code hookgate dev --config <config>}, with {@code --quiet} unless {@code live}, and waits until it is ready. */
    public static ChildProcess dev(final Children children, final JvmCommand jvm, final String name, final Path config, final boolean live)
        throws InterruptedException {
        final String[] args = live ? new String[] {"dev", "--config", config.toString()}
            : new String[] {"dev", "--quiet", "--config", config.toString()};
        final ChildProcess process = children.start(name, jvm.hookgate(args));
        process.awaitLine(DEV_READY, Duration.ofMinutes(4));
        return process;
    }
}
