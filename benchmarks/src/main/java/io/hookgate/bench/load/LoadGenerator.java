package io.hookgate.bench.load;

import io.hookgate.core.json.Json;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of the pipeline benchmark, in a JVM of its own: signed webhooks
 * ({@link SignedWebhooks}) posted with Apache HttpClient 5's async client over keep-alive
 * connections. Open loop ({@code --mode open}): {@code --rate} requests per second on a fixed
 * schedule for {@code --seconds}, whatever the answers, each body carrying its scheduled send
 * time (so a stall is measured, not hidden). Closed loop ({@code --mode closed}): {@code --count}
 * requests, {@code --concurrency} at a time, as fast as they are answered. Prints
 * {@code REPORT <json>} ({@link LoadReport}) at the end.
 */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Signed webhook load generator.")
public final class LoadGenerator implements Callable<Integer> {

    /** Whether the schedule or the answers drive the sending. */
    enum Mode { OPEN, CLOSED }

    @Option(names = "--url", required = true, description = "Where to post, e.g. http://127.0.0.1:8080/webhooks/bench.")
    private String url;

    @Option(names = "--mode", defaultValue = "OPEN", description = "OPEN (fixed rate) or CLOSED (fixed concurrency). Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Option(names = "--rate", defaultValue = "2000", description = "Open loop: requests per second. Default: ${DEFAULT-VALUE}.")
    private int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "Open loop: how long. Default: ${DEFAULT-VALUE}.")
    private int seconds;

    @Option(names = "--count", defaultValue = "200000", description = "Closed loop: requests in all. Default: ${DEFAULT-VALUE}.")
    private long count;

    @Option(names = "--concurrency", defaultValue = "64", description = "Closed loop: requests in flight. Default: ${DEFAULT-VALUE}.")
    private int concurrency;

    @Option(names = "--connections", defaultValue = "256", description = "Open loop: connections at most. Default: ${DEFAULT-VALUE}.")
    private int connections;

    @Option(names = "--body-bytes", defaultValue = "1024", description = "Body size. Default: ${DEFAULT-VALUE}.")
    private int bodyBytes;

    @Option(names = "--id-prefix", required = true, description = "Prefix of every webhook-id: unique per run, so nothing is a duplicate.")
    private String idPrefix;

    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong lastDone = new AtomicLong();
    private final Histogram ackMicros = new ConcurrentHistogram(3);
    private final Map<Long, LongAdder> okPerSecond = new ConcurrentHashMap<>();

    public static void main(final String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final int pool = mode == Mode.OPEN ? connections : concurrency;
        final CloseableHttpAsyncClient client = HttpAsyncClients.custom()
            .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create().setMaxConnTotal(pool).setMaxConnPerRoute(pool).build())
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).setSoKeepAlive(true).build())
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build();
        try {
            client.start();
            final SignedWebhooks webhooks = new SignedWebhooks(bodyBytes);
            final long firstSend = epochMicros();
            final long[] lastSend = new long[1];
            final double maxLagMillis = mode == Mode.OPEN ? openLoop(client, webhooks, lastSend) : closedLoop(client, webhooks, lastSend);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ok.sum() + non2xx.sum() + errors.sum() < sent.sum() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            final Map<Long, Long> perSecond = new TreeMap<>();
            okPerSecond.forEach((second, n) -> perSecond.put(second, n.sum()));
            final LoadReport report = new LoadReport(sent.sum(), ok.sum(), non2xx.sum(), errors.sum(), firstSend, lastSend[0],
                lastDone.get(), maxLagMillis, ackMicros.getValueAtPercentile(50), ackMicros.getValueAtPercentile(99), perSecond);
            System.out.println("REPORT " + Json.writeString(report));
        } finally {
            client.close(CloseMode.IMMEDIATE);
        }
        return 0;
    }

    /** Sends on schedule; answers the worst lag behind it, in milliseconds. */
    private double openLoop(final CloseableHttpAsyncClient client, final SignedWebhooks webhooks, final long[] lastSend) {
        final long total = (long) rate * seconds;
        final long startNanos = System.nanoTime();
        final long startMicros = epochMicros();
        long maxLag = 0;
        for (long i = 0; i < total; i++) {
            final long due = startNanos + i * 1_000_000_000L / rate;
            long now = System.nanoTime();
            while (now < due) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            maxLag = Math.max(maxLag, now - due);
            // The scheduled time, not the actual one: a generator that fell behind shows as latency.
            final long sentAt = startMicros + (due - startNanos) / 1000;
            send(client, webhooks, i, sentAt, null);
            lastSend[0] = epochMicros();
        }
        return maxLag / 1e6;
    }

    /** Keeps {@code concurrency} requests in flight until {@code count} were sent. */
    private double closedLoop(final CloseableHttpAsyncClient client, final SignedWebhooks webhooks, final long[] lastSend)
        throws InterruptedException {
        final Semaphore slots = new Semaphore(concurrency);
        for (long i = 0; i < count; i++) {
            slots.acquire();
            send(client, webhooks, i, epochMicros(), slots);
            lastSend[0] = epochMicros();
        }
        return 0;
    }

    private void send(final CloseableHttpAsyncClient client, final SignedWebhooks webhooks, final long seq, final long sentAt,
                      final Semaphore slots) {
        final byte[] body = webhooks.body(seq, sentAt);
        final SimpleRequestBuilder builder = SimpleRequestBuilder.post(url).setBody(body, ContentType.APPLICATION_JSON);
        webhooks.headers(idPrefix + seq, sentAt / 1_000_000, body).forEach(builder::addHeader);
        final SimpleHttpRequest request = builder.build();
        sent.increment();
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(final SimpleHttpResponse response) {
                final long now = done(sentAt);
                if (response.getCode() / 100 == 2) {
                    ok.increment();
                    okPerSecond.computeIfAbsent(now / 1_000_000, second -> new LongAdder()).increment();
                } else {
                    non2xx.increment();
                }
                release(slots);
            }

            @Override
            public void failed(final Exception cause) {
                done(sentAt);
                errors.increment();
                release(slots);
            }

            @Override
            public void cancelled() {
                failed(null);
            }
        });
    }

    private long done(final long sentAt) {
        final long now = epochMicros();
        lastDone.accumulateAndGet(now, Math::max);
        ackMicros.recordValue(Math.max(0, now - sentAt));
        return now;
    }

    private static void release(final Semaphore slots) {
        if (slots != null) {
            slots.release();
        }
    }

    private static long epochMicros() {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
