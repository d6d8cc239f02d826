package io.hookgate.bench.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Java command lines of the processes a benchmark starts. A hookgate part runs from the app jar
 * with the flags of the {@code hookgate} launcher ({@code HOOKGATE_JAVA_OPTS}, else
 * {@code -Xms64m -Xmx1g -XX:+UseSerialGC}), plus {@code BENCH_HOOKGATE_JAVA_OPTS} (a JFR
 * recording, say). A baseline gets the same heap and collector as the part it is compared with;
 * the harness's own helpers (broker, sink, load generator) get theirs.
 */
public final class JvmCommand {

    /** The launcher's defaults, as in {@code ./hookgate}. */
    public static final String LAUNCHER_DEFAULTS = "-Xms64m -Xmx1g -XX:+UseSerialGC";
    /** Heap and collector of the broker, sink and load generator. */
    public static final String HELPER_FLAGS = "-Xms64m -Xmx768m -XX:+UseSerialGC";

    private final BenchHome home;
    private final Map<String, String> environment;

    public JvmCommand(final BenchHome home, final Map<String, String> environment) {
        this.home = home;
        this.environment = environment;
    }

    /** The flags of a hookgate part and of the baseline it is compared with. */
    public List<String> partFlags() {
        final String opts = environment.getOrDefault("HOOKGATE_JAVA_OPTS", "");
        return split(opts.isBlank() ? LAUNCHER_DEFAULTS : opts);
    }

    /** {@code hookgate <args>} as its own JVM, exactly as {@code ./hookgate} would start it. */
    public List<String> hookgate(final String... args) {
        final List<String> command = new ArrayList<>();
        command.add(BenchHome.java().toString());
        command.addAll(partFlags());
        command.addAll(split(environment.getOrDefault("BENCH_HOOKGATE_JAVA_OPTS", "")));
        command.add("-Dhookgate.home=" + home.root());
        command.add("-jar");
        command.add(home.appJar().toString());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** A baseline's main class, with the flags of the hookgate part it is compared with. */
    public List<String> baseline(final Class<?> main, final String... args) {
        return bench(partFlags(), main, args);
    }

    /** One of the harness's helper processes. */
    public List<String> helper(final Class<?> main, final String... args) {
        return bench(split(HELPER_FLAGS), main, args);
    }

    private static List<String> bench(final List<String> flags, final Class<?> main, final String... args) {
        final List<String> command = new ArrayList<>();
        command.add(BenchHome.java().toString());
        command.addAll(flags);
        // Undertow logs through JBoss Logging: keep it on SLF4J, as hookgate does.
        command.add("-Dorg.jboss.logging.provider=slf4j");
        command.add("-Dlogback.configurationFile=logback-bench.xml");
        command.add("-cp");
        command.add(BenchHome.classPath());
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static List<String> split(final String flags) {
        final List<String> parts = new ArrayList<>();
        for (String part : flags.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}
