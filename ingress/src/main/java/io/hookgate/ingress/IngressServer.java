package io.hookgate.ingress;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.IngressSettings;
import io.hookgate.core.lifecycle.GatewayPart;
import io.hookgate.core.json.ErrorBody;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.thread.DaemonThreads;
import io.hookgate.core.time.Ticker;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.providers.SourceSchemes;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.PathTemplateHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ingress: an Undertow server whose one route, {@code POST /webhooks/{source}}, stores each
 * request in Kafka before acknowledging it. Stateless; run as many as the load needs.
 */
public final class IngressServer implements GatewayPart {

    private static final Logger LOG = LoggerFactory.getLogger(IngressServer.class);
    /** Writes unacknowledged this long mean Kafka is down or slow: new requests are refused at once. */
    private static final java.time.Duration STALL_AFTER = java.time.Duration.ofSeconds(2);

    private final HookgateConfig config;
    private final SourceSchemes schemes;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Tracing tracing;
    private Undertow server;
    private GracefulShutdownHandler shutdown;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private ScheduledExecutorService timer;
    private int port;

    public IngressServer(final HookgateConfig config, final SourceSchemes schemes, final MeterRegistry registry, final Clock clock) {
        this(config, schemes, registry, clock, Tracing.noop());
    }

    /** With {@code tracing} making the span of each request, whose context the raw record carries on. */
    public IngressServer(final HookgateConfig config, final SourceSchemes schemes, final MeterRegistry registry, final Clock clock,
                         final Tracing tracing) {
        this.config = config;
        this.schemes = schemes;
        this.registry = registry;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** Starts listening. @throws IllegalStateException naming the port when it is taken */
    public synchronized void start() {
        final IngressSettings settings = config.ingress();
        final Map<String, Object> producerConfig = IngressProducerConfig.of(config);
        producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hookgate-ingress-timer"));
        final Topics topics = new Topics(config.kafka().topicPrefix());
        final String rawTopic = topics.raw();
        final TopicMetadata metadata = new TopicMetadata(producer, rawTopic, timer);
        // Fetch the raw topic's metadata now, and keep it: sends never wait for it (max.block.ms is 0).
        warmUp(metadata, rawTopic, settings.kafkaTimeout());
        metadata.keepFresh(TopicMetadata.refreshInterval(producerConfig));
        final RawRequestWriter writer = new RawRequestWriter(producer, topics.rawRequests(), metadata, settings.kafkaTimeout());
        FunctionCounter.builder("hookgate.ingress.metadata.waits", writer, RawRequestWriter::metadataWaits)
            .description("Requests that found no metadata for the raw topic and waited for it").register(registry);
        final RateLimits rateLimits = new RateLimits(config);
        timer.scheduleWithFixedDelay(rateLimits::evictIdle, 1, 1, TimeUnit.MINUTES);
        final KafkaBackpressure backpressure = new KafkaBackpressure(settings.maxInFlightBytes(),
            settings.kafkaTimeout().compareTo(STALL_AFTER) < 0 ? settings.kafkaTimeout() : STALL_AFTER, Ticker.SYSTEM);
        registry.gauge("hookgate.ingress.inflight.bytes", backpressure, KafkaBackpressure::inFlightBytes);
        final BodyBudget bodyBudget = new BodyBudget(settings.maxBufferedBytes());
        Gauge.builder("hookgate.ingress.buffered.bytes", bodyBudget, BodyBudget::bufferedBytes)
            .description("Request body bytes held in memory while being received").register(registry);
        final SecurityLog securityLog = new SecurityLog(registry, "ingress", config.logging().securityEventsPerMinute());
        timer.scheduleWithFixedDelay(securityLog::summarise, 1, 1, TimeUnit.MINUTES);
        final IngressMetrics ingressMetrics = new IngressMetrics(registry, config::tenantOfSource);
        ingressMetrics.startAtZero(config.sources().keySet());
        final HttpHandler webhooks = WebhookChain.of(config, schemes, writer, new EdgeAnswers(ingressMetrics, securityLog, Ticker.SYSTEM),
            rateLimits, backpressure, bodyBudget, clock, tracing, Ticker.SYSTEM);
        final ClientAddresses clients = new ClientAddresses(settings.trustedProxies());
        final PathTemplateHandler routes = new PathTemplateHandler(exchange -> {
            final HeaderValues forwarded = exchange.getRequestHeaders().get("X-Forwarded-For");
            securityLog.refused("unknown", clients.resolve(exchange.getSourceAddress().getAddress(),
                    forwarded == null ? List.of() : List.copyOf(forwarded)).getHostAddress(),
                exchange.getRequestHeaders().getFirst(Headers.USER_AGENT), 404, "not_found", "path=" + exchange.getRequestPath());
            exchange.setStatusCode(404);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(ErrorBody.json("not_found", "webhooks are posted to /webhooks/{source}"));
        }).add("/webhooks/{source}", webhooks);
        shutdown = new GracefulShutdownHandler(BodyDeadline.around(routes, settings.bodyReadTimeout()));
        server = Undertow.builder()
            .addHttpListener(settings.port(), settings.host())
            .setHandler(shutdown)
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, settings.maxHeaderBytes())
            .setServerOption(UndertowOptions.MAX_HEADERS, settings.maxHeaders())
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) settings.readTimeout().toMillis())
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) settings.readTimeout().toMillis())
            .setSocketOption(Options.READ_TIMEOUT, (int) settings.readTimeout().toMillis())
            .setSocketOption(Options.CONNECTION_HIGH_WATER, settings.maxConnections())
            .setSocketOption(Options.CONNECTION_LOW_WATER, settings.maxConnections())
            .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("ingress cannot listen on " + settings.host() + ":" + settings.port()
                + " (is the port in use?): " + e.getMessage(), e);
        }
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        LOG.info("Ingress listening on {}:{}", settings.host(), port);
    }

    private static void warmUp(final TopicMetadata metadata, final String topic, final java.time.Duration timeout) {
        try {
            metadata.whenPresent(timeout).get();
        } catch (ExecutionException e) {
            // Not fatal: the ingress answers 503 until Kafka is reachable.
            LOG.warn("Kafka did not answer for topic {} within {}s; requests get 503 until it does: {}", topic, timeout.toSeconds(),
                e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port listened on (the configured one, or the one chosen for port 0). */
    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "ingress";
    }

    @Override
    public String notReadyReason() {
        return server == null ? "ingress not started" : null;
    }

    /** Stops accepting, answers the requests in flight, then closes the producer. */
    @Override
    public synchronized void close() {
        if (shutdown != null) {
            shutdown.shutdown();
            try {
                shutdown.awaitShutdown(config.ingress().kafkaTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            server.stop();
            server = null;
        }
        if (producer != null) {
            producerMetrics.close();
            producer.close();
            producer = null;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
