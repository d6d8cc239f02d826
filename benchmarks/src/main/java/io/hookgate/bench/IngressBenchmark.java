package io.hookgate.bench;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.TopicSpec;
import io.hookgate.core.topics.Topics;
import io.hookgate.ingress.IngressServer;
import io.hookgate.providers.Providers;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingress requests per second with wrk at 64 connections, 1 KiB signed Standard Webhooks bodies and
 * every edge check enabled (allow-list, source and per-client rate limits, trusted proxies, size
 * limit), against a thin baseline on the same broker in the same run: an Undertow handler that only
 * sends the body to Kafka ({@code acks=all}, idempotent) and answers after the acknowledgement.
 * Rounds alternate baseline and hookgate. Needs wrk ({@code apt-get install wrk}).
 * Usage: {@code benchmarks/run ingress [seconds per round] [rounds]} (default 15 s, 2 rounds).
 */
public final class IngressBenchmark {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors:.*");

    private record Result(double rate, String p50, String p99, long non2xx, String socketErrors) {
    }

    private IngressBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
                kafka: {bootstrapServers: "%s", topicPrefix: "ib.", partitions: 6}
                ingress: {host: 127.0.0.1, port: 0, rateLimitPerClientIpPerSecond: 1000000, trustedProxies: ["10.0.0.0/8"]}
                sources:
                  bench:
                    provider: standard-webhooks
                    secrets: ["%s"]
                    maxBodyBytes: 65536
                    allowedIps: ["127.0.0.0/8", "::1/128"]
                    rateLimitPerSecond: 1000000
                """.formatted(kafka.bootstrapServers(), SECRET));
            final Topics topics = new Topics("ib.");
            try (Admin admin = kafka.admin()) {
                final List<TopicSpec> specs = new ArrayList<>(topics.all(config));
                specs.add(new TopicSpec("baseline.raw", 6, (short) 1, Duration.ofDays(1), false));
                new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(specs);
            }
            final IngressServer hookgate = new IngressServer(config, Providers.builtIn().bind(config), new SimpleMeterRegistry(), Clock.systemUTC());
            hookgate.start();
            final KafkaProducer<String, byte[]> baselineProducer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
            final Undertow baseline = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> baseline(exchange, baselineProducer)).build();
            baseline.start();
            final int baselinePort = ((InetSocketAddress) baseline.getListenerInfo().get(0).getAddress()).getPort();

            final Path script = writeScript();
            System.out.printf("ingress benchmark: wrk -t2 -c64, %d s rounds, 1 KiB signed bodies; hookgate :%d, baseline :%d%n",
                seconds, hookgate.port(), baselinePort);
            wrk(script, baselinePort, 5);
            wrk(script, hookgate.port(), 5);
            double baselineSum = 0;
            double hookgateSum = 0;
            for (int round = 1; round <= rounds; round++) {
                final Result b = wrk(script, baselinePort, seconds);
                final Result h = wrk(script, hookgate.port(), seconds);
                baselineSum += b.rate();
                hookgateSum += h.rate();
                System.out.printf("  round %d baseline %8.0f req/s p50 %s p99 %s non-2xx %d %s%n", round, b.rate(), b.p50(), b.p99(), b.non2xx(), b.socketErrors());
                System.out.printf("  round %d hookgate %8.0f req/s p50 %s p99 %s non-2xx %d %s%n", round, h.rate(), h.p50(), h.p99(), h.non2xx(), h.socketErrors());
            }
            System.out.printf("RESULT hookgate %.0f req/s, baseline %.0f req/s, ratio %.2f%n", hookgateSum / rounds, baselineSum / rounds,
                hookgateSum / baselineSum);
            baseline.stop();
            baselineProducer.close();
            hookgate.close();
        }
    }

    private static void baseline(final HttpServerExchange exchange, final KafkaProducer<String, byte[]> producer) {
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            ex.dispatch();
            producer.send(new ProducerRecord<>("baseline.raw", UUID.randomUUID().toString(), body), (metadata, error) ->
                ex.getIoThread().execute(() -> {
                    ex.setStatusCode(error == null ? 200 : 503);
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    ex.getResponseSender().send("{\"status\":\"accepted\"}");
                }));
        });
    }

    private static Path writeScript() throws IOException {
        final String body = "{\"type\":\"invoice.paid\",\"data\":{\"note\":\"" + "x".repeat(1024 - 45) + "\"}}";
        final long timestamp = Instant.now().getEpochSecond();
        final String signature = StandardWebhooksSigner.header(List.of(SECRET), "msg_bench", timestamp, body.getBytes(StandardCharsets.UTF_8));
        final Path script = Files.createTempFile("hookgate-wrk", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\n"
            + "wrk.path = \"/webhooks/bench\"\n"
            + "wrk.body = '" + body + "'\n"
            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            + "wrk.headers[\"webhook-id\"] = \"msg_bench\"\n"
            + "wrk.headers[\"webhook-timestamp\"] = \"" + timestamp + "\"\n"
            + "wrk.headers[\"webhook-signature\"] = \"" + signature + "\"\n");
        return script;
    }

    private static Result wrk(final Path script, final int port, final int seconds) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency", "-s", script.toString(),
            "http://127.0.0.1:" + port).redirectErrorStream(true).start();
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

    private static String percentile(final String output, final String label) {
        final Matcher matcher = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
        return matcher.find() ? matcher.group(1) : "?";
    }
}
