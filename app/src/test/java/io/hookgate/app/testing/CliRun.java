package io.hookgate.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code hookgate} command run as a user runs it: a child JVM in a working directory of the
 * test's, with an environment free of the developer's {@code HOOKGATE_*} variables, its stdout and
 * stderr kept apart.
 */
public final class CliRun {

    /** What the command did. */
    public record Result(int exit, String out, String err) {
        /** Both streams, for messages that may go to either. */
        public String all() {
            return out + err;
        }
    }

    private final Path directory;
    private final Map<String, String> environment = new HashMap<>();
    private byte[] stdin = new byte[0];

    private CliRun(final Path directory) {
        this.directory = directory;
    }

    /** A command run in {@code directory}. */
    public static CliRun in(final Path directory) {
        return new CliRun(directory);
    }

    public CliRun env(final String name, final String value) {
        environment.put(name, value);
        return this;
    }

    public CliRun stdin(final byte[] bytes) {
        stdin = bytes.clone();
        return this;
    }

    /** Runs {@code hookgate args...} to its end (at most 90 s). */
    public Result run(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dorg.jboss.logging.provider=slf4j",
            "-cp", System.getProperty("java.class.path"), "io.hookgate.app.Hookgate"));
        command.addAll(List.of(args));
        final Path out = Files.createTempFile(directory, "cli", ".out");
        final Path err = Files.createTempFile(directory, "cli", ".err");
        final Path in = Files.createTempFile(directory, "cli", ".in");
        Files.write(in, stdin);
        final ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HOOKGATE_"));
        builder.environment().putAll(environment);
        final Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("hookgate " + String.join(" ", args) + " did not end within 90 s");
        }
        final Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        Files.delete(in);
        return result;
    }
}
