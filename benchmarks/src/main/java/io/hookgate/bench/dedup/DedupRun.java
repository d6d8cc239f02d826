package io.hookgate.bench.dedup;

import io.hookgate.bench.load.SignedWebhooks;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.topics.Topics;
import io.hookgate.processor.ProcessorMetrics;
import io.hookgate.processor.ProcessorService;
import io.hookgate.processor.ProcessorTopology;
import io.hookgate.processor.internals.dedup.DedupStores;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * One side of the dedup benchmark, in a JVM of its own: the processor's real topology
 * ({@link ProcessorTopology#build}) in a {@link TopologyTestDriver} with its real RocksDB stores
 * in a persistent state directory. First {@code --keys} dedup keys are stored the way the
 * processor stores them: records piped into the deduplication node's input (the repartition
 * topic {@code by-event-id}), so the node itself writes {@code dedup-seen} and
 * {@code dedup-expiries}; then it prints {@code READY}. Each {@code batch} line on stdin then pipes
 * {@code --batch-events} new signed webhooks through the whole topology (verify, repartition,
 * deduplicate, publish, fan out), timed, and prints {@code BATCH <n> <events> <nanos>}; a
 * {@code warmup} line does the same untimed and prints {@code WARMUP <events so far>}; any other
 * line (or the end of stdin) prints {@code REPORT <json>} ({@link DedupReport}). No broker: this
 * measures the node's work, not Kafka's IO.
 */
@Command(name = "dedup-run", mixinStandardHelpOptions = true, description = "Processor topology with N stored dedup keys.")
public final class DedupRun implements Callable<Integer> {

    private static final int PREFILL_BATCH = 10_000;

    @Option(names = "--keys", required = true, description = "Dedup keys stored before the timed events.")
    private long keys;

    @Option(names = "--batch-events", defaultValue = "10000", description = "New signed events per batch. Default: ${DEFAULT-VALUE}.")
    private int batchEvents;

    @Option(names = "--body-bytes", defaultValue = "1024", description = "Body size of the timed events. Default: ${DEFAULT-VALUE}.")
    private int bodyBytes;

    @Option(names = "--state-dir", required = true, description = "The Streams state directory (RocksDB).")
    private Path stateDir;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new DedupRun()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka: {topicPrefix: "hookgate."}
            sources:
              bench: {provider: standard-webhooks, secrets: ["%1$s"], dedupRetention: 7d}
            subscriptions:
              receiver: {url: "https://receiver.example.com/hooks", sources: [bench], secret: "%1$s"}
            """.formatted(SignedWebhooks.SECRET));
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final Properties props = new Properties();
        props.putAll(ProcessorService.streamsConfig(config, registry));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final Topics topics = new Topics("hookgate.");
        final Instant start = Instant.now();
        try (TopologyTestDriver driver = new TopologyTestDriver(
            // One partition: the test driver reads every record there, so each is deduplicated in place, as the ingress arranges.
            ProcessorTopology.build(config, Providers.builtIn().bind(config), new ProcessorMetrics(registry), 1, Clock.systemUTC()), props, start)) {
            final TopologyOutputs outputs = new TopologyOutputs(driver);
            final double prefillSeconds = prefill(driver, outputs, topics, start);
            final TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(topics.raw(), new ByteArraySerializer(), new ByteArraySerializer());
            final SignedWebhooks webhooks = new SignedWebhooks(bodyBytes);
            final List<Double> batchRates = new ArrayList<>();
            final long verifiedBefore = outputs.count(topics.verified("bench"));
            System.out.println("READY");
            // One batch per "batch" line on stdin, so the benchmark can alternate this run with the other one.
            final BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long nanos = 0;
            long piped = 0;
            long warmup = 0;
            for (String command = commands.readLine(); "batch".equals(command) || "warmup".equals(command); command = commands.readLine()) {
                final List<TestRecord<byte[], byte[]>> batch = signedBatch(webhooks, warmup + piped, batchEvents);
                final long begin = System.nanoTime();
                raw.pipeRecordList(batch);
                final long took = System.nanoTime() - begin;
                outputs.drain();
                if ("warmup".equals(command)) {
                    // Untimed: the JIT compiles the verify path, which storing the keys did not run.
                    warmup += batch.size();
                    System.out.println("WARMUP " + warmup);
                    continue;
                }
                System.out.println("BATCH " + batchRates.size() + " " + batch.size() + " " + took);
                nanos += took;
                piped += batch.size();
                batchRates.add(batch.size() / (took / 1e9));
            }
            final DedupReport report = new DedupReport(keys, prefillSeconds, warmup, piped, nanos / 1e9, batchRates,
                outputs.count(topics.verified("bench")) - verifiedBefore, outputs.count(topics.rejected()),
                driver.getKeyValueStore(DedupStores.SEEN).approximateNumEntries(), bytes(stateDir));
            System.out.println("REPORT " + Json.writeString(report));
        }
        return 0;
    }

    /**
     * Pipes {@code keys} records into the deduplication node's input topic, so the node stores
     * them as it stores every event; their receive times end at {@code start}, within retention.
     */
    private double prefill(final TopologyTestDriver driver, final TopologyOutputs outputs, final Topics topics, final Instant start) {
        final TestInputTopic<String, byte[]> byEventId = driver.createInputTopic(topics.processorApplicationId() + "-by-event-id-repartition",
            new StringSerializer(), new ByteArraySerializer());
        final byte[] envelope = "{\"prefill\":true}".getBytes(StandardCharsets.UTF_8);
        final long begin = System.nanoTime();
        for (long first = 0; first < keys; first += PREFILL_BATCH) {
            final List<TestRecord<String, byte[]>> batch = new ArrayList<>();
            for (long i = first; i < Math.min(keys, first + PREFILL_BATCH); i++) {
                final String eventId = "msg_stored_" + i;
                final Instant receivedAt = start.minusMillis(keys - i);
                final EventRef ref = new EventRef(StableIds.eventId("bench", eventId), "bench", eventId, "bench.event", null, receivedAt,
                    "ing_stored_" + i);
                batch.add(new TestRecord<>(ref.dedupKey(), envelope, EventRefHeaders.write(new RecordHeaders(), ref), receivedAt));
            }
            byEventId.pipeRecordList(batch);
            outputs.drain();
            if ((first + PREFILL_BATCH) % 1_000_000 == 0) {
                System.out.printf("stored %d keys in %.0f s%n", first + PREFILL_BATCH, (System.nanoTime() - begin) / 1e9);
            }
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    /** {@code count} new signed raw requests, as the ingress writes them, received now. */
    private static List<TestRecord<byte[], byte[]>> signedBatch(final SignedWebhooks webhooks, final long first, final long count) {
        final List<TestRecord<byte[], byte[]>> batch = new ArrayList<>();
        final Instant now = Instant.now();
        for (long i = first; i < first + count; i++) {
            final byte[] body = webhooks.body(i, 0);
            HttpHeaders headers = HttpHeaders.empty().with("content-type", "application/json");
            for (Map.Entry<String, String> header : webhooks.headers("msg_new_" + i, now.getEpochSecond(), body).entrySet()) {
                headers = headers.with(header.getKey(), header.getValue());
            }
            final RawRequest request = new RawRequest("ing_new_" + i, "bench", now, "203.0.113.9", "POST", "", headers, body);
            batch.add(new TestRecord<>(request.recordKey().getBytes(StandardCharsets.UTF_8), body, RawRecordCodec.headers(request), now));
        }
        return batch;
    }

    private static long bytes(final Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
