package io.hookgate.app.cluster;

import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Providers behind a load balancer: signed Standard Webhooks events at a steady rate, spread over
 * several ingress instances. An event not acknowledged (an error, a 5xx, a dead instance) is sent
 * again, under the same id, to the next instance after a short back-off, until one answers 200 or
 * {@link #GIVE_UP} has passed. Each event's time is when it was due (its place in the schedule), so a
 * stall of the sender itself counts as latency too.
 */
final class FailoverLoad {

    /** How long a provider keeps retrying one event. */
    static final Duration GIVE_UP = Duration.ofSeconds(120);
    private static final long BACKOFF_MILLIS = 200;

    /** When the event was due and when it was acknowledged (null while it is not). */
    static final class Event {
        final Instant due;
        volatile Instant acknowledged;

        Event(final Instant due) {
            this.due = due;
        }
    }

    private final List<Integer> ingressPorts;
    private final String source;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Event> events = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private Thread scheduler;

    FailoverLoad(final List<Integer> ingressPorts, final String source, final String secret) {
        this.ingressPorts = List.copyOf(ingressPorts);
        this.source = source;
        this.secret = secret;
    }

    /** Starts sending {@code perSecond} events a second, ids {@code prefix-0}, {@code prefix-1}, ... */
    void start(final int perSecond, final String prefix) {
        running = true;
        scheduler = new Thread(() -> {
            final long start = System.nanoTime();
            final Instant startedAt = Instant.now();
            for (long n = 0; running; n++) {
                final long dueNanos = TimeUnit.SECONDS.toNanos(n) / perSecond;
                final long wait = start + dueNanos - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                final String id = prefix + "-" + n;
                final Event event = new Event(startedAt.plusNanos(dueNanos));
                events.put(id, event);
                inFlight.incrementAndGet();
                send(id, event, (int) (n % ingressPorts.size()));
            }
        }, "failover-load");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /** Stops scheduling new events, then waits until every event sent is acknowledged or given up. */
    void stop() throws InterruptedException {
        running = false;
        scheduler.join();
        final long deadline = System.nanoTime() + GIVE_UP.plusSeconds(30).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Every event scheduled, by id. */
    Map<String, Event> events() {
        return Map.copyOf(events);
    }

    int attempts() {
        return attempts.get();
    }

    /** Attempts not answered 200: errors, refused connections, 5xx. */
    int refused() {
        return refused.get();
    }

    private void send(final String id, final Event event, final int instance) {
        attempts.incrementAndGet();
        final long now = Instant.now().getEpochSecond();
        final byte[] body = ("{\"type\":\"cluster.test\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        final HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ingressPorts.get(instance) + "/webhooks/" + source))
            .timeout(Duration.ofSeconds(15))
            .header("content-type", "application/json").header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(secret), id, now, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                event.acknowledged = Instant.now();
                inFlight.decrementAndGet();
            } else if (Duration.between(event.due, Instant.now()).compareTo(GIVE_UP) > 0) {
                refused.incrementAndGet();
                inFlight.decrementAndGet();
            } else {
                refused.incrementAndGet();
                CompletableFuture.delayedExecutor(BACKOFF_MILLIS, TimeUnit.MILLISECONDS)
                    .execute(() -> send(id, event, (instance + 1) % ingressPorts.size()));
            }
        });
    }
}
