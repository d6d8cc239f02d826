package io.hookgate.bench;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.dispatcher.DispatcherService;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliveries per second to a local keep-alive receiver with 10 subscriptions, then the same with
 * one of the 10 hanging until its timeout: the healthy subscriptions' rate in both, in one run on
 * one broker, and their ratio. Usage: {@code benchmarks/run dispatch [tasks]} (default 20000).
 */
public final class DispatchBenchmark {

    private static final int SUBSCRIPTIONS = 10;
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final KafkaTestCluster kafka;
    private final int receiverPort;
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicLong firstAt = new AtomicLong();
    private final AtomicLong lastAt = new AtomicLong();

    private DispatchBenchmark(final KafkaTestCluster kafka, final int receiverPort) {
        this.kafka = kafka;
        this.receiverPort = receiverPort;
    }

    public static void main(final String[] args) throws Exception {
        final int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final ScheduledExecutorService hangs = Executors.newSingleThreadScheduledExecutor();
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            final DispatchBenchmark[] self = new DispatchBenchmark[1];
            final Undertow receiver = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> self[0].receive(exchange, hangs)).build();
            receiver.start();
            final int port = ((InetSocketAddress) receiver.getListenerInfo().get(0).getAddress()).getPort();
            self[0] = new DispatchBenchmark(kafka, port);
            System.out.printf("dispatch benchmark: %d tasks over %d subscriptions, 6 partitions, receiver on 127.0.0.1:%d%n",
                tasks, SUBSCRIPTIONS, port);
            self[0].phase("warm-up", tasks / 4, false);
            final double healthyAlone = self[0].phase("10 healthy", tasks, false);
            final double withHanging = self[0].phase("9 healthy + 1 hanging", tasks, true);
            System.out.printf("RESULT healthy deliveries/s: all healthy %.0f, with one hanging %.0f, ratio %.2f%n",
                healthyAlone, withHanging, withHanging / healthyAlone);
            receiver.stop();
        } finally {
            hangs.shutdownNow();
        }
    }

    private void receive(final HttpServerExchange exchange, final ScheduledExecutorService hangs) {
        if (exchange.getRequestPath().startsWith("/hang")) {
            // Never answer within the subscription's timeout; hold no thread while waiting.
            exchange.dispatch();
            hangs.schedule(() -> exchange.getIoThread().execute(exchange::endExchange), 60, TimeUnit.SECONDS);
            return;
        }
        final long now = System.nanoTime();
        firstAt.compareAndSet(0, now);
        lastAt.set(now);
        delivered.incrementAndGet();
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private static String outcomes(final SimpleMeterRegistry registry) {
        final Map<String, Double> byOutcome = new java.util.TreeMap<>();
        registry.find("hookgate.deliveries").counters().forEach(counter ->
            byOutcome.merge(counter.getId().getTag("outcome"), counter.count(), Double::sum));
        registry.find("hookgate.deliveries.deferred").counters().forEach(counter -> byOutcome.merge("deferred", counter.count(), Double::sum));
        return byOutcome.toString();
    }

    /** Delivers {@code tasks} round-robin; returns the healthy subscriptions' deliveries per second. */
    private double phase(final String name, final int tasks, final boolean oneHanging) throws Exception {
        final String prefix = "bench" + System.nanoTime() + ".";
        final StringBuilder yaml = new StringBuilder("kafka: {bootstrapServers: \"" + kafka.bootstrapServers() + "\", topicPrefix: \""
            + prefix + "\", partitions: 6}\nsources:\n  s: {provider: standard-webhooks}\nsubscriptions:\n");
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            final String path = oneHanging && i == 0 ? "/hang" : "/ok/" + i;
            yaml.append("  sub").append(i).append(": {url: \"http://127.0.0.1:").append(receiverPort).append(path)
                .append("\", allowInsecureUrl: true, sources: [s], secret: \"").append(SECRET).append("\", timeout: 2s}\n");
        }
        yaml.append("dispatch: {retryDelays: [30s]}\n");
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(yaml.toString());
        final Topics topics = new Topics(prefix);
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(topics.all(config));
        }
        int healthy = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer())) {
            final RawJson payload = RawJson.trusted(("{\"amount\":1200,\"currency\":\"eur\",\"note\":\"" + "x".repeat(512) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < tasks; i++) {
                final int subscription = i % SUBSCRIPTIONS;
                if (!(oneHanging && subscription == 0)) {
                    healthy++;
                }
                final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId("s", "e" + i), "s", "standard-webhooks", null,
                    "e" + i, EventIdOrigin.PROVIDER, "bench", Instant.now(), Instant.now(), "ing", List.of("body"), payload);
                producer.send(DeliveryTaskRecord.record(topics.dispatch(), DeliveryTask.first(event, "sub" + subscription, Instant.now())));
            }
            producer.flush();
        }
        delivered.set(0);
        firstAt.set(0);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final DispatcherService dispatcher = new DispatcherService(config, registry, Clock.systemUTC());
        dispatcher.start();
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (delivered.get() < healthy && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        final double seconds = (lastAt.get() - firstAt.get()) / 1e9;
        final double rate = delivered.get() / seconds;
        System.out.printf("  %-24s %6d healthy deliveries in %6.2f s: %8.0f/s  (attempts: %s)%n", name, delivered.get(), seconds, rate,
            outcomes(registry));
        dispatcher.close();
        return rate;
    }
}
