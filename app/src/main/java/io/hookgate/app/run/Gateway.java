package io.hookgate.app.run;

import io.hookgate.admin.AdminOperations;
import io.hookgate.admin.AdminServer;
import io.hookgate.admin.KafkaReachability;
import io.hookgate.admin.api.AdminApi;
import io.hookgate.app.tracing.TracingSetup;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.health.Readiness;
import io.hookgate.core.kafka.ConsumerLag;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.lifecycle.Closing;
import io.hookgate.core.subscription.SubscriptionTable;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.TopicSpec;
import io.hookgate.core.topics.Topics;
import io.hookgate.dispatcher.DispatcherService;
import io.hookgate.ingress.IngressServer;
import io.hookgate.processor.ProcessorService;
import io.hookgate.providers.Providers;
import io.hookgate.providers.SourceSchemes;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One hookgate process: the chosen parts against one Kafka cluster, with the admin port. Creates
 * the topics the configuration needs (when allowed) before any part starts, and stops the parts
 * in the order that loses nothing: dispatcher, processor, ingress.
 */
public final class Gateway implements AutoCloseable {

    private final HookgateConfig config;
    private final Set<Part> parts;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Admin admin;
    private IngressServer ingress;
    private ProcessorService processor;
    private DispatcherService dispatcher;
    private AdminServer adminServer;
    private JvmGcMetrics gcMetrics;
    private AdminOperations adminOperations;
    private TracingSetup tracing;
    private SubscriptionTable subscriptions;
    private final List<ConsumerLag> lags = new ArrayList<>();
    /** How often consumer lag is measured: often enough for alerts over a few minutes, cheap for the cluster. */
    static final int LAG_EVERY_SECONDS = 15;
    /** The longest a start waits for the subscriptions topic to be read. */
    private static final Duration SUBSCRIPTIONS_LOAD_TIMEOUT = Duration.ofSeconds(60);

    public Gateway(final HookgateConfig config, final Set<Part> parts, final Clock clock) {
        this.config = config;
        this.parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        this.clock = clock;
    }

    /**
     * Starts every part. On failure, stops what started and rethrows.
     *
     * @throws IllegalStateException when Kafka cannot be reached for topics or a port is taken
     */
    public void start() {
        try {
            bindJvmMetrics();
            tracing = TracingSetup.from(config.tracing(), parts.stream().map(Part::name).collect(Collectors.toList()));
            admin = Admin.create(KafkaClients.config(config.kafka(), config.kafka().topicPrefix() + "admin", Map.of()));
            final TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            final List<TopicSpec> topics = new Topics(config.kafka().topicPrefix()).all(config);
            if (config.kafka().createTopics()) {
                provisioner.createMissing(topics);
            }
            // A body the cluster could not carry is a configuration error now, not a stopped processor later.
            provisioner.ensureRecordSize(topics, RecordLimits.of(config), RecordLimits.bodyLimitPath(config), config.kafka().createTopics());
            final SourceSchemes schemes = Providers.builtIn().bind(config);
            final List<Readiness> readiness = new ArrayList<>();
            readiness.add(new KafkaReachability(admin, clock));
            readiness.add(SourceWarnings.of(config));
            final Topics names = new Topics(config.kafka().topicPrefix());
            if (parts.contains(Part.PROCESSOR) || parts.contains(Part.DISPATCHER) || config.admin().token().isPresent()) {
                // One table per process, read to its end before a part starts: no event fans out by half of it.
                subscriptions = new SubscriptionTable(config, String.join("-", parts.stream().map(part -> part.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList()),
                    registry, clock, SUBSCRIPTIONS_LOAD_TIMEOUT);
                subscriptions.start();
                readiness.add(subscriptions);
            }
            if (parts.contains(Part.PROCESSOR)) {
                processor = new ProcessorService(config, schemes, registry, clock, tracing.tracing(), subscriptions);
                processor.start();
                readiness.add(processor);
                lags.add(lag("processor", names.processorApplicationId(), List.of(names.raw()), null));
            }
            if (parts.contains(Part.DISPATCHER)) {
                dispatcher = new DispatcherService(config, registry, clock, tracing.tracing(), subscriptions);
                dispatcher.start();
                readiness.add(dispatcher);
                final List<String> taskTopics = new ArrayList<>();
                taskTopics.add(names.dispatch());
                taskTopics.addAll(names.retryTopics(config.dispatch().retryDelays()));
                taskTopics.add(names.parked());
                // A task in a retry tier or parked is late only once it is due.
                lags.add(lag("dispatcher", names.dispatcherGroup(), taskTopics, DeliveryTaskRecord.DUE_AT));
            }
            if (parts.contains(Part.INGRESS)) {
                ingress = new IngressServer(config, schemes, registry, clock, tracing.tracing());
                ingress.start();
                readiness.add(ingress);
            }
            adminServer = new AdminServer(config.admin(), registry, readiness, adminApi(readiness));
            adminServer.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The operators' API when a token is configured: a local index of the DLQ and rejected topics, and replay. */
    private AdminApi adminApi(final List<Readiness> readiness) {
        if (config.admin().token().isEmpty()) {
            return null;
        }
        adminOperations = new AdminOperations(config, Providers.builtIn(), subscriptions, registry, clock);
        adminOperations.start();
        readiness.add(adminOperations.readiness());
        return adminOperations.api();
    }

    /** The lag of {@code group} as metrics, measured every {@value #LAG_EVERY_SECONDS} s. */
    private ConsumerLag lag(final String part, final String group, final List<String> topics, final String dueAtHeader) {
        final ConsumerLag lag = new ConsumerLag(admin, KafkaClients.config(config.kafka(), group + "-lag", Map.of()), part, group, topics,
            dueAtHeader, registry, clock);
        lag.start(Duration.ofSeconds(LAG_EVERY_SECONDS));
        return lag;
    }

    private void bindJvmMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public int ingressPort() {
        return ingress == null ? -1 : ingress.port();
    }

    public int adminPort() {
        return adminServer == null ? -1 : adminServer.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The subscriptions this process follows, when it runs a part that needs them. */
    public java.util.Optional<io.hookgate.core.subscription.Subscriptions> subscriptions() {
        return java.util.Optional.ofNullable(subscriptions);
    }

    /** Whether the processor (if this process runs one) has reached RUNNING. */
    public boolean processorRunning() {
        return processor == null || processor.notReadyReason() == null;
    }

    @Override
    public void close() {
        lags.forEach(lag -> Closing.quietly(lag, "consumer lag"));
        lags.clear();
        Closing.quietly(adminServer, "admin server");
        Closing.quietly(adminOperations, "admin operations");
        Closing.quietly(dispatcher, "dispatcher");
        Closing.quietly(processor, "processor");
        Closing.quietly(ingress, "ingress");
        Closing.quietly(subscriptions, "subscriptions table");
        Closing.quietly(admin, "admin client");
        Closing.quietly(gcMetrics, "GC metrics");
        // Last: the parts' final spans are exported before the process ends.
        Closing.quietly(tracing, "tracing");
        adminServer = null;
        adminOperations = null;
        dispatcher = null;
        processor = null;
        ingress = null;
        subscriptions = null;
        admin = null;
        gcMetrics = null;
        tracing = null;
    }
}
