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
import io.hookgate.core.lifecycle.GatewayPart;
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
 * One hookgate process: the chosen {@link Part}s against one Kafka cluster, with the admin port
 * (health, readiness, metrics; the admin API only where the admin part runs). Creates the topics
 * the configuration needs (when allowed) before any part starts, starts the parts in {@link Part}
 * order and stops them in the reverse one, which loses nothing: admin, dispatcher, processor, ingress.
 */
public final class Gateway implements AutoCloseable {

    private final HookgateConfig config;
    private final Set<Part> parts;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Admin admin;
    /** The parts started so far, in start order. */
    private final List<GatewayPart> running = new ArrayList<>();
    private AdminServer adminServer;
    private JvmGcMetrics gcMetrics;
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
     * Starts every part, in {@link Part} order, then the admin port. On failure, stops what started and rethrows.
     *
     * @throws IllegalStateException when Kafka cannot be reached for topics, a port is taken, or the
     *                               admin part is asked for without {@code admin.token}
     */
    public void start() {
        try {
            if (parts.contains(Part.ADMIN) && config.admin().token().isEmpty()) {
                throw new IllegalStateException("the admin part serves the admin API, which needs admin.token");
            }
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
            if (parts.contains(Part.PROCESSOR) || parts.contains(Part.DISPATCHER) || parts.contains(Part.ADMIN)) {
                // One table per process, read to its end before a part starts: no event fans out by half of it.
                subscriptions = new SubscriptionTable(config, String.join("-", parts.stream().map(Part::id).sorted().toList()),
                    registry, clock, SUBSCRIPTIONS_LOAD_TIMEOUT);
                subscriptions.start();
                readiness.add(subscriptions);
            }
            AdminApi api = null;
            for (Part part : parts) {
                final GatewayPart started = create(part, schemes);
                running.add(started);
                started.start();
                readiness.add(started);
                if (started instanceof AdminOperations operations) {
                    api = operations.api();
                }
            }
            adminServer = new AdminServer(config.admin(), registry, readiness, api);
            adminServer.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Part {@code part}, not started yet; the processor and dispatcher with their lag measured. */
    private GatewayPart create(final Part part, final SourceSchemes schemes) {
        final Topics names = new Topics(config.kafka().topicPrefix());
        return switch (part) {
            case INGRESS -> new IngressServer(config, schemes, registry, clock, tracing.tracing());
            case PROCESSOR -> {
                lags.add(lag("processor", names.processorApplicationId(), List.of(names.raw()), null));
                yield new ProcessorService(config, schemes, registry, clock, tracing.tracing(), subscriptions);
            }
            case DISPATCHER -> {
                final List<String> taskTopics = new ArrayList<>();
                taskTopics.add(names.dispatch());
                taskTopics.addAll(names.retryTopics(config.dispatch().retryDelays()));
                taskTopics.add(names.parked());
                // A task in a retry tier or parked is late only once it is due.
                lags.add(lag("dispatcher", names.dispatcherGroup(), taskTopics, DeliveryTaskRecord.DUE_AT));
                yield new DispatcherService(config, registry, clock, tracing.tracing(), subscriptions);
            }
            // The operators' API: a local index of the DLQ, rejected, attempts and verified topics, and replay.
            case ADMIN -> new AdminOperations(config, Providers.builtIn(), subscriptions, registry, clock);
        };
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

    /** The port of the ingress, or -1 when this process runs none. */
    public int ingressPort() {
        return running.stream().filter(IngressServer.class::isInstance).mapToInt(GatewayPart::port).findFirst().orElse(-1);
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
        return running.stream().filter(ProcessorService.class::isInstance).allMatch(processor -> processor.notReadyReason() == null);
    }

    @Override
    public void close() {
        lags.forEach(lag -> Closing.quietly(lag, "consumer lag"));
        lags.clear();
        Closing.quietly(adminServer, "admin server");
        // The reverse of the start: admin, dispatcher, processor, ingress.
        for (int i = running.size() - 1; i >= 0; i--) {
            Closing.quietly(running.get(i), running.get(i).name());
        }
        running.clear();
        Closing.quietly(subscriptions, "subscriptions table");
        Closing.quietly(admin, "admin client");
        Closing.quietly(gcMetrics, "GC metrics");
        // Last: the parts' final spans are exported before the process ends.
        Closing.quietly(tracing, "tracing");
        adminServer = null;
        subscriptions = null;
        admin = null;
        gcMetrics = null;
        tracing = null;
    }
}
