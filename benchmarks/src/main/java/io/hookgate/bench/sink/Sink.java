package io.hookgate.bench.sink;

import io.hookgate.core.json.Json;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The receiver of a benchmark's deliveries, in a JVM of its own: a keep-alive HTTP server that
 * answers {@code 200} at once, on its IO threads, and counts by path. A body carrying
 * {@code "sentAtMicros":<epoch micros>} adds its end-to-end latency (receive time minus send
 * time) to a histogram, and, when it is an envelope with {@code receivedAt} and {@code verifiedAt},
 * the time of each stage ({@link Stages}). Paths under {@code /hang} are answered only after a minute, like an
 * endpoint that hangs past its timeout. Paths under {@code /down} answer {@code 503} (counted
 * under {@code /failed/down...}) until {@code POST /_heal}, then {@code 200} like any other. {@code GET /_stats} answers {@link SinkStats} as JSON;
 * {@code POST /_reset} forgets everything. Prints {@code SINK <port>} when it listens.
 */
@Command(name = "sink", mixinStandardHelpOptions = true, description = "Counting HTTP receiver for benchmarks.")
public final class Sink implements Callable<Integer> {

    private static final byte[] MARKER = "\"sentAtMicros\":".getBytes(StandardCharsets.UTF_8);

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on; 0 picks one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--bucket-ms", defaultValue = "1000", description = "Width of the per-path delivery buckets. Default: ${DEFAULT-VALUE}.")
    private long bucketMillis;

    private volatile boolean down = true;
    private final Map<String, PathCounter> paths = new ConcurrentHashMap<>();
    private final Histogram latency = new ConcurrentHistogram(3);
    private final Map<Long, Histogram> latencyBySecond = new ConcurrentSkipListMap<>();
    private final Stages stages = new Stages();
    private final ScheduledExecutorService hangs = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "sink-hangs");
        thread.setDaemon(true);
        return thread;
    });

    public static void main(final String[] args) {
        System.exit(new CommandLine(new Sink()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        final Undertow server = Undertow.builder()
            .addHttpListener(port, "127.0.0.1")
            .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 120_000)
            .setHandler(this::handle)
            .build();
        server.start();
        final int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        System.out.println("SINK " + bound);
        System.out.flush();
        Thread.currentThread().join();
        return 0;
    }

    private void handle(final HttpServerExchange exchange) {
        final String path = exchange.getRequestPath();
        if ("/_stats".equals(path)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(Json.write(stats())));
            return;
        }
        if ("/_reset".equals(path) && exchange.getRequestMethod().equals(Methods.POST)) {
            paths.clear();
            latency.reset();
            latencyBySecond.clear();
            stages.reset();
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        if ("/_heal".equals(path) && exchange.getRequestMethod().equals(Methods.POST)) {
            down = false;
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            if (path.startsWith("/hang")) {
                // Hold the request without holding a thread, past any subscription's timeout.
                ex.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, () ->
                    hangs.schedule(() -> ex.getIoThread().execute(ex::endExchange), 60, TimeUnit.SECONDS));
                return;
            }
            final Instant now = Instant.now();
            final long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
            if (down && path.startsWith("/down")) {
                paths.computeIfAbsent("/failed" + path, p -> new PathCounter()).add(micros, bucketMillis);
                ex.setStatusCode(503);
                ex.endExchange();
                return;
            }
            paths.computeIfAbsent(path, p -> new PathCounter()).add(micros, bucketMillis);
            final long sentAt = sentAtMicros(body);
            if (sentAt > 0) {
                final long took = Math.max(0, micros - sentAt);
                latency.recordValue(took);
                latencyBySecond.computeIfAbsent(micros / 1_000_000, second -> new ConcurrentHistogram(3)).recordValue(took);
                stages.record(body, sentAt, micros);
            }
            ex.setStatusCode(200);
            ex.endExchange();
        });
    }

    /** The digits after {@code "sentAtMicros":}, or 0 when the body has none. */
    static long sentAtMicros(final byte[] body) {
        final int at = Stages.indexOf(body, MARKER);
        if (at < 0) {
            return 0;
        }
        long value = 0;
        for (int k = at + MARKER.length; k < body.length && body[k] >= '0' && body[k] <= '9'; k++) {
            value = value * 10 + (body[k] - '0');
        }
        return value;
    }

    private SinkStats stats() {
        final Map<String, SinkStats.PathStats> byPath = new TreeMap<>();
        paths.forEach((path, counter) -> byPath.put(path, counter.snapshot()));
        SinkStats.Latency summary = null;
        if (latency.getTotalCount() > 0) {
            final List<SinkStats.Second> seconds = new ArrayList<>();
            latencyBySecond.forEach((second, histogram) -> seconds.add(new SinkStats.Second(second, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getMaxValue())));
            summary = new SinkStats.Latency(latency.getTotalCount(), latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(95), latency.getValueAtPercentile(99), latency.getMaxValue(), seconds, stages.summary());
        }
        return new SinkStats(bucketMillis, byPath, summary);
    }

    /** Deliveries to one path. */
    private static final class PathCounter {
        private final LongAdder count = new LongAdder();
        private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong last = new AtomicLong();
        private final Map<Long, LongAdder> buckets = new ConcurrentHashMap<>();

        void add(final long micros, final long bucketMillis) {
            count.increment();
            first.accumulateAndGet(micros, Math::min);
            last.accumulateAndGet(micros, Math::max);
            buckets.computeIfAbsent(micros / 1000 / bucketMillis, b -> new LongAdder()).increment();
        }

        SinkStats.PathStats snapshot() {
            final Map<Long, Long> copy = new TreeMap<>();
            buckets.forEach((bucket, n) -> copy.put(bucket, n.sum()));
            final long n = count.sum();
            return new SinkStats.PathStats(n, n == 0 ? 0 : first.get(), last.get(), copy);
        }
    }
}
