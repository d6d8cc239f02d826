package io.hookgate.admin;

import io.hookgate.admin.api.AdminApi;
import io.hookgate.admin.api.EntryVisibility;
import io.hookgate.admin.internals.console.ConsoleCounters;
import io.hookgate.admin.internals.deliveries.DeliveriesApi;
import io.hookgate.admin.internals.events.EventReader;
import io.hookgate.admin.internals.events.EventsApi;
import io.hookgate.admin.internals.events.KafkaRawRequests;
import io.hookgate.admin.internals.replay.KafkaOriginalRecords;
import io.hookgate.admin.internals.replay.KafkaReplayClaims;
import io.hookgate.admin.internals.replay.Replayer;
import io.hookgate.admin.internals.subscriptions.KafkaSubscriptionStore;
import io.hookgate.admin.internals.subscriptions.SubscriptionApi;
import io.hookgate.admin.internals.view.AdminIndex;
import io.hookgate.admin.internals.view.BreakerState;
import io.hookgate.admin.internals.view.Redaction;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ProviderCatalog;
import io.hookgate.core.health.Readiness;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.lifecycle.Closing;
import io.hookgate.core.lifecycle.GatewayPart;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The admin part ({@code hookgate admin}, and beside the others in {@code hookgate dev}), assembled:
 * the local index of the DLQ,
 * rejected, replay, attempts and verified topics (credentials redacted by the sources' configuration), the
 * reader of originals, the producer that replays and writes subscriptions (idempotent,
 * {@code acks=all}), the store of the {@code subscriptions} topic's records, and the
 * {@link AdminApi} over them with its subscriptions routes, the delivery log's
 * ({@link DeliveriesApi}; breaker states unknown), the verified events' ({@link EventsApi}) and the console's counters ({@link ConsoleCounters}). Closing it closes them all, but not the
 * {@link Subscriptions} it was given. Only this part serves {@code /admin/*}; the index lives in
 * {@link #indexDirectory its own folder} under {@code admin.stateDir}, named after {@code admin.port},
 * so that processes on one host (which listen on different admin ports) never share one. Several
 * admin parts may serve one cluster: a replay is claimed in Kafka before it is sent
 * ({@link KafkaReplayClaims}).
 */
public final class AdminOperations implements GatewayPart {

    private static final Duration ORIGINAL_TIMEOUT = Duration.ofSeconds(15);
    /** The longest wait for Kafka in a change of a subscription, for each step: acknowledged, in force here. */
    private static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(10);

    private final AdminIndex index;
    private final KafkaOriginalRecords originals;
    private final KafkaRawRequests rawRequests;
    private final KafkaReplayClaims claims;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaSubscriptionStore subscriptionStore;
    private final AdminApi api;

    /**
     * @param providers     the catalog the configuration was read with: it says which source keys name
     *                      where a secret travels ({@code header}, {@code queryParam})
     * @param subscriptions the subscriptions in force in this process (a started {@code SubscriptionTable}
     *                      following the {@code subscriptions} topic): what the API reads, and waits for after a change
     * @throws IllegalStateException when the index cannot be opened, the token is absent, or one token is given twice
     */
    public AdminOperations(final HookgateConfig config, final ProviderCatalog providers, final Subscriptions subscriptions,
                           final MeterRegistry registry, final Clock clock) {
        config.admin().token().orElseThrow(() -> new IllegalStateException("the admin API needs admin.token"));
        final String prefix = config.kafka().topicPrefix();
        final Topics topics = new Topics(prefix);
        final Redaction redaction = Redaction.of(config, providers);
        index = new AdminIndex(config, indexDirectory(config.admin()), redaction, registry, clock);
        try {
            originals = new KafkaOriginalRecords(config.kafka(), prefix + "admin-originals", ORIGINAL_TIMEOUT);
            rawRequests = new KafkaRawRequests(config.kafka(), prefix + "admin-raw-requests", topics.raw(), ORIGINAL_TIMEOUT);
            producer = new KafkaProducer<>(KafkaClients.durableProducer(config.kafka(), prefix + "admin-replay", RecordLimits.of(config).producerConfig()),
                new ByteArraySerializer(), new ByteArraySerializer());
            subscriptionStore = new KafkaSubscriptionStore(config, producer, subscriptions, SUBSCRIPTION_TIMEOUT);
            claims = new KafkaReplayClaims(config.kafka(), topics.replays(), producer, clock);
            final Replayer replayer = new Replayer(producer, originals, claims, topics, index.dlq(), index.rejected(), clock);
            final EntryVisibility visibility = new EntryVisibility(config, subscriptions);
            api = new AdminApi(config.admin(), index.dlq(), index.rejected(), index.quarantine(), replayer, visibility, index.deliveries(),
                List.of(new SubscriptionApi(config, subscriptions, subscriptionStore, clock),
                    // A breaker never reported open in events.operational is closed: it starts so.
                    new DeliveriesApi(index.deliveries(), subscriptions, visibility, subscription -> Optional.of(
                        index.deliveries().breaker(subscription).map(BreakerState::state).orElse(BreakerState.CLOSED)), clock),
                    new EventsApi(new EventReader(index.events(), originals, rawRequests, redaction, topics), index.deliveries(), index.dlq(),
                        visibility),
                    new ConsoleCounters(registry, clock)),
                clock, new SecurityLog(registry, "admin", config.logging().securityEventsPerMinute()));
        } catch (IllegalArgumentException e) {
            close();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Where the index of an admin part with {@code settings} lives: {@code port-<admin.port>} under
     * {@code admin.stateDir}; {@code admin.stateDir} itself when the port is chosen at start (0),
     * where each instance is given a directory of its own (tests).
     */
    public static Path indexDirectory(final AdminSettings settings) {
        return settings.folderOfThisProcess(settings.stateDir());
    }

    /** Starts reading the topics into the index. */
    @Override
    public void start() {
        index.start();
        claims.start();
    }

    @Override
    public String name() {
        return index.name();
    }

    @Override
    public String notReadyReason() {
        return index.notReadyReason();
    }

    /** Ready once the index caught up with the topics. */
    public Readiness readiness() {
        return index;
    }

    public AdminApi api() {
        return api;
    }

    @Override
    public void close() {
        Closing.quietly(index, "admin index");
        Closing.quietly(claims, "replay claims");
        Closing.quietly(originals, "originals reader");
        Closing.quietly(rawRequests, "raw requests reader");
        Closing.quietly(producer, "replay producer");
    }
}
