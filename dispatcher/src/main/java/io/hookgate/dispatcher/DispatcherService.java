package io.hookgate.dispatcher;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.lifecycle.GatewayPart;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.kafka.GroupMembership;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.thread.DaemonThreads;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.dispatcher.internals.http.DeliveryClient;
import io.hookgate.dispatcher.internals.loop.DeliveryLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the tasks of {@code dispatch}, the retry topics and the park topic to subscriptions.
 * Run as many instances as the load needs: they share partitions in one consumer group. Every task
 * topic has the same partitions and is keyed by subscription id, and the consumer's default
 * assignor (range, for the classic group protocol; {@link GroupMembership} asks for range with the consumer protocol) gives each instance the same partition numbers
 * of every topic: so one instance at a time handles all of a subscription's tasks, and its breaker
 * ({@link Breakers}) is the subscription's.
 */
public final class DispatcherService implements GatewayPart {

    private final HookgateConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final DnsResolver resolver;
    private final Tracing tracing;
    private final Subscriptions subscriptions;
    private ScheduledExecutorService timer;
    private KafkaProducer<byte[], byte[]> producer;
    private DeliveryClient client;
    private HandOff handOff;
    private ExecutorService sender;
    private ExecutorService completions;
    private DeliveryLoop loop;
    private Thread thread;
    private KafkaSubscriptionHistory history;
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

    public DispatcherService(final HookgateConfig config, final MeterRegistry registry, final Clock clock) {
        this(config, registry, clock, SystemDefaultDnsResolver.INSTANCE);
    }

    /** With {@code tracing} making a span of each delivery attempt, in the trace its task's record names. */
    public DispatcherService(final HookgateConfig config, final MeterRegistry registry, final Clock clock, final Tracing tracing) {
        this(config, registry, clock, SystemDefaultDnsResolver.INSTANCE, tracing);
    }

    /** With {@code tracing} for the spans of attempts and {@code subscriptions} saying where each task goes. */
    public DispatcherService(final HookgateConfig config, final MeterRegistry registry, final Clock clock, final Tracing tracing,
                             final Subscriptions subscriptions) {
        this(config, registry, clock, SystemDefaultDnsResolver.INSTANCE, tracing, subscriptions);
    }

    /** With {@code resolver} for name lookups of guarded subscriptions (tests fake DNS with it). */
    public DispatcherService(final HookgateConfig config, final MeterRegistry registry, final Clock clock, final DnsResolver resolver) {
        this(config, registry, clock, resolver, Tracing.noop());
    }

    /** With {@code resolver} for name lookups and {@code tracing} for the spans of attempts. */
    public DispatcherService(final HookgateConfig config, final MeterRegistry registry, final Clock clock, final DnsResolver resolver,
                             final Tracing tracing) {
        this(config, registry, clock, resolver, tracing, Subscriptions.of(config));
    }

    /**
     * With {@code subscriptions} (the process's {@link io.hookgate.core.subscription.SubscriptionTable},
     * started) saying where and how each task is delivered: a change is in force from the next attempt.
     */
    public DispatcherService(final HookgateConfig config, final MeterRegistry registry, final Clock clock, final DnsResolver resolver,
                             final Tracing tracing, final Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
        this.tracing = tracing;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.resolver = resolver;
    }

    public synchronized void start() {
        final Topics topics = new Topics(config.kafka().topicPrefix());
        timer = Executors.newScheduledThreadPool(1, DaemonThreads.named("hookgate-dispatcher-timer"));
        final Map<String, Object> producerSettings = new HashMap<>(RecordLimits.of(config).producerConfig());
        producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(KafkaClients.durableProducer(config.kafka(), topics.dispatcherGroup() + "-handoff", producerSettings),
            new ByteArraySerializer(), new ByteArraySerializer());
        final Map<String, Object> consumerSettings = new HashMap<>(GroupMembership.consumer(config.kafka()));
        consumerSettings.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, topics.dispatcherGroup(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500));
        // dispatch is written in the processor's transactions: read only what committed. The loop pauses
        // partitions (full, or not due yet): a prompt fetch lets it read one again as soon as it resumes and
        // what it held of it is handed on.
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.readCommittedConsumer(config.kafka(),
            topics.dispatcherGroup(), KafkaClients.promptFetch(config.kafka(), consumerSettings)), new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        bind(new KafkaClientMetrics(producer));
        bind(new KafkaClientMetrics(consumer));

        client = new DeliveryClient(resolver, timer, clock);
        sender = Executors.newSingleThreadExecutor(DaemonThreads.named("hookgate-dispatcher-handoff"));
        completions = Executors.newSingleThreadExecutor(DaemonThreads.named("hookgate-dispatcher-acks"));
        handOff = new HandOff(producer, sender, completions, timer);
        // A subscription's tenant never changes, so its meters keep one set of tags.
        final DispatcherMetrics metrics = new DispatcherMetrics(registry, subscription -> subscriptions.find(subscription)
            .flatMap(live -> live.config().tenant()).orElse(""));
        metrics.startAtZero(config.subscriptions().keySet());
        history = new KafkaSubscriptionHistory(config.kafka(), topics.dispatcherGroup() + "-history", topics.subscriptionRecords(),
            Duration.ofSeconds(10));
        final Deliveries deliveries = new Deliveries(config, subscriptions, history, client, handOff, metrics, timer, clock, tracing);
        timer.scheduleWithFixedDelay(deliveries::deferStuck, 250, 250, TimeUnit.MILLISECONDS);
        final List<String> sourceTopics = new ArrayList<>();
        sourceTopics.add(topics.dispatch());
        sourceTopics.addAll(topics.retryTopics(config.dispatch().retryDelays()));
        sourceTopics.add(topics.parked());
        loop = new DeliveryLoop(consumer, topics, sourceTopics, deliveries::deliver, deliveries::unreadable,
            config.dispatch().maxPendingPerPartition(), config.dispatch().shutdownTimeout(), clock);
        final DeliveryLoop current = loop;
        registry.gauge("hookgate.dispatch.commit.stalled.seconds", current, l -> l.stall().duration().toMillis() / 1000.0);
        thread = new Thread(loop, "hookgate-dispatcher");
        thread.start();
    }

    private void bind(final KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        clientMetrics.add(metrics);
    }

    @Override
    public String name() {
        return "dispatcher";
    }

    @Override
    public String notReadyReason() {
        final DeliveryLoop current = loop;
        if (current == null || !current.isAlive()) {
            return "dispatcher poll loop is not running";
        }
        final DeliveryLoop.Stall stall = current.stall();
        if (stall.duration().compareTo(stallLimit()) > 0) {
            return "the commit point of " + stall.partition() + " has not moved for " + stall.duration().toSeconds()
                + "s while tasks wait";
        }
        return null;
    }

    /**
     * How long a commit point may stand still while tasks wait before the dispatcher is not ready:
     * well past the longest attempt, so a slow endpoint alone never trips it.
     */
    private Duration stallLimit() {
        final Duration longestAttempt = subscriptions.all().stream().map(LiveSubscription::config).map(SubscriptionConfig::timeout)
            .max(Duration::compareTo).orElse(Duration.ZERO);
        final Duration floor = Duration.ofMinutes(5);
        return longestAttempt.multipliedBy(3).compareTo(floor) > 0 ? longestAttempt.multipliedBy(3) : floor;
    }

    /** Stops polling, lets attempts in flight finish (up to {@code dispatch.shutdownTimeout}), commits, closes. */
    @Override
    public synchronized void close() {
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(config.dispatch().shutdownTimeout().toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handOff.close();
        history.close();
        sender.shutdown();
        client.close();
        clientMetrics.forEach(KafkaClientMetrics::close);
        producer.close();
        completions.shutdown();
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
    }
}
