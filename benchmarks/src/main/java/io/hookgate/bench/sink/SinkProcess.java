package io.hookgate.bench.sink;

import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.proc.Children;
import io.hookgate.bench.proc.JvmCommand;
import io.hookgate.core.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/** A {@link Sink} started by a benchmark: its address, its counts, and waiting for deliveries to arrive. */
public final class SinkProcess {

    private static final Pattern READY = Pattern.compile("^SINK (\\d+)");

    private final ChildProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SinkProcess(final ChildProcess process, final int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a sink whose per-path buckets are {@code bucketMillis} wide. */
    public static SinkProcess start(final Children children, final JvmCommand jvm, final long bucketMillis) throws InterruptedException {
        final ChildProcess process = children.start("sink", jvm.helper(Sink.class, "--bucket-ms", Long.toString(bucketMillis)));
        return new SinkProcess(process, Integer.parseInt(process.awaitLine(READY, Duration.ofMinutes(1)).group(1)));
    }

    /** The URL of {@code path} on this sink. */
    public String url(final String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public SinkStats stats() throws IOException, InterruptedException {
        final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url("/_stats"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        return Json.read(response.body(), SinkStats.class);
    }

    /** Makes the {@code /down} paths answer {@code 200} from now on. */
    public void heal() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(url("/_heal"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
    }

    public void reset() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(url("/_reset"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Waits until {@code count} of the stats reaches {@code expected}, or stands still for {@code idle}
     * (then what arrived is what will), or {@code timeout} passes.
     *
     * @return the last stats seen
     */
    public SinkStats await(final ToLongFunction<SinkStats> count, final long expected, final Duration idle, final Duration timeout)
        throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        long movedAt = System.nanoTime();
        while (true) {
            final SinkStats stats = stats();
            final long now = count.applyAsLong(stats);
            if (now >= expected || System.nanoTime() > deadline) {
                return stats;
            }
            if (now != seen) {
                seen = now;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > idle.toNanos()) {
                return stats;
            }
            Thread.sleep(200);
        }
    }

    public ChildProcess process() {
        return process;
    }
}
