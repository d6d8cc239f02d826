package io.hookgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.api.AdminApi;
import io.hookgate.admin.api.AdminFeature;
import io.hookgate.admin.api.EntryVisibility;
import io.hookgate.admin.internals.console.ConsoleCounters;
import io.hookgate.admin.internals.errors.Gone;
import io.hookgate.admin.internals.replay.Replayer;
import io.hookgate.admin.internals.deliveries.BreakerStates;
import io.hookgate.admin.internals.deliveries.DeliveriesApi;
import io.hookgate.admin.internals.events.EventReader;
import io.hookgate.admin.internals.events.EventsApi;
import io.hookgate.admin.internals.view.EventStore;
import io.hookgate.admin.internals.view.Redaction;
import io.hookgate.admin.internals.view.DeliveryStore;
import io.hookgate.admin.internals.view.EntryStore;
import io.hookgate.admin.internals.view.Quarantine;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API over HTTP for unit tests: a server on a free port with a real index (RocksDB) in
 * {@code dir}, a mock producer, the given subscriptions and features and the delivery log's and
 * events' routes; originals are always gone for replay; the records an event's page reads are those
 * put in {@link #records} (by {@code topic/partition/offset}) and {@link #rawRequests} (by ingress
 * id); the console's counters over its own meter registry.
 */
public final class TestAdmin implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    public final EntryStore dlq;
    public final EntryStore rejected;
    public final DeliveryStore deliveries;
    public final EventStore events;
    /** The records of Kafka an event's envelope is read from, by {@code topic/partition/offset}. */
    public final Map<String, ConsumerRecord<byte[], byte[]>> records = new ConcurrentHashMap<>();
    /** The raw records of {@code ingress.raw}, by ingress id. */
    public final Map<String, ConsumerRecord<byte[], byte[]>> rawRequests = new ConcurrentHashMap<>();
    public final Quarantine quarantine;
    public final MockProducer<byte[], byte[]> producer;
    public final AdminApi api;
    /** The meters the admin server answers, and the console's counters read. */
    public final PrometheusMeterRegistry registry;
    private final AdminServer server;
    private final String base;

    public TestAdmin(final Path dir, final HookgateConfig config, final Subscriptions subscriptions, final List<AdminFeature> features,
                     final Clock clock) {
        dlq = new EntryStore(dir.resolve("dlq"));
        rejected = new EntryStore(dir.resolve("rejected"));
        deliveries = new DeliveryStore(dir.resolve("deliveries"));
        events = new EventStore(dir.resolve("events"));
        quarantine = new Quarantine(List.of(dlq, rejected, deliveries, events), new SimpleMeterRegistry(), Clock.systemUTC(), List.of());
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        final Replayer replayer = new Replayer(producer, ref -> {
            throw new Gone("the original at " + ref.topic() + " offset " + ref.offset() + " is gone");
        }, new Topics("t."), dlq, rejected, clock);
        final AdminSettings admin = config.admin();
        final AdminSettings settings = new AdminSettings("127.0.0.1", 0, admin.token(), dir.toString(), admin.secretsKey(), admin.tokens());
        final EntryVisibility visibility = new EntryVisibility(config, subscriptions);
        final List<AdminFeature> all = new java.util.ArrayList<>(features);
        all.add(new DeliveriesApi(deliveries, subscriptions, visibility, BreakerStates.UNKNOWN, clock));
        all.add(new EventsApi(new EventReader(events, ref -> Optional.ofNullable(records.get(ref.topic() + "/" + ref.partition() + "/"
            + ref.offset())).orElseThrow(() -> new Gone("no record at " + ref.topic() + " offset " + ref.offset())),
            event -> Optional.ofNullable(rawRequests.get(event.ingressId())), Redaction.of(config, TestConfigs.PROVIDERS),
            new Topics("t.")), deliveries, dlq, visibility));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        all.add(new ConsoleCounters(registry, clock));
        api = new AdminApi(settings, dlq, rejected, quarantine, replayer, visibility, deliveries, all, clock, null);
        server = new AdminServer(settings, registry, List.of(), api);
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    /** Where the server listens: {@code http://127.0.0.1:port}. */
    public String base() {
        return base;
    }

    /** {@code method path} with {@code body} (null: none), as the caller of {@code token}. */
    public HttpResponse<String> call(final String token, final String method, final String path, final String body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of {@code response}, which must have {@code status}. */
    public static JsonNode json(final HttpResponse<String> response, final int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.mapper().readTree(response.body());
    }

    /** The error code of {@code response}, which must have {@code status}. */
    public static String error(final HttpResponse<String> response, final int status) throws Exception {
        return json(response, status).path("error").asText();
    }

    @Override
    public void close() {
        server.close();
        dlq.close();
        rejected.close();
        deliveries.close();
        events.close();
    }
}
