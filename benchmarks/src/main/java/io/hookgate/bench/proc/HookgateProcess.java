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

    /** Starts {@code hookgate dev --config <config>} and waits until it is ready. */
    public static ChildProcess dev(final Children children, final JvmCommand jvm, final String name, final Path config)
        throws InterruptedException {
        return dev(children, jvm, name, config, true);
    }

    /** As the other {@code dev}, with its live lines printed or not ({@code --quiet}). */
    public static ChildProcess dev(final Children children, final JvmCommand jvm, final String name, final Path config, final boolean live)
        throws InterruptedException {
        final ChildProcess process = children.start(name, live ? jvm.hookgate("dev", "--config", config.toString())
            : jvm.hookgate("dev", "--quiet", "--config", config.toString()));
        process.awaitLine(DEV_READY, Duration.ofMinutes(4));
        return process;
    }
}
