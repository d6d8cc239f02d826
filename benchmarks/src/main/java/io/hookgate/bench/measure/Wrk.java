package io.hookgate.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (a process of its own) against a URL and reads its report. */
public final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors:.*");

    private final int threads;
    private final int connections;
    private final Path script;

    /**
     * @param script the Lua script that sets the request (method, body, headers)
     */
    public Wrk(final int threads, final int connections, final Path script) {
        this.threads = threads;
        this.connections = connections;
        this.script = script;
    }

    /**
     * What one wrk run measured.
     *
     * @param p50Millis    median latency
     * @param p99Millis    99th percentile latency
     * @param socketErrors wrk's socket error line, or empty
     */
    public record Result(double rate, double p50Millis, double p99Millis, long non2xx, String socketErrors) {
    }

    /** Runs wrk for {@code seconds} against {@code url}. */
    public Result run(final String url, final int seconds) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
            "-s", script.toString(), url).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        final Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk said:\n" + output);
        }
        final Matcher non2xx = NON_2XX.matcher(output);
        final Matcher errors = ERRORS.matcher(output);
        return new Result(Double.parseDouble(rate.group(1)), percentile(output, "50%"), percentile(output, "99%"),
            non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, errors.find() ? errors.group() : "");
    }

    /** A latency of wrk's distribution ({@code 1.23ms}, {@code 456.00us}, {@code 1.20s}) in milliseconds. */
    static double percentile(final String output, final String label) {
        final Matcher matcher = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)").matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        final double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
