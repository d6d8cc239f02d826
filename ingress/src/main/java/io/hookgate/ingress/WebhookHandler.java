package io.hookgate.ingress;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.providers.SourceSchemes;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SourceScheme;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code POST /webhooks/{source}}: checks what the edge can check (source, method, client
 * address, size), reads the body without blocking and within the memory budget and the body
 * deadline ({@link BodyReader}), answers handshakes that need an answer, and
 * otherwise stores the request in {@code ingress.raw}, answering 200 only once Kafka acknowledged
 * it and 503 with {@code Retry-After} when it did not in time. Signatures are verified downstream.
 * Every request refused (4xx) is a security event ({@link SecurityLog}): logged at a bounded rate
 * with its source, client address, user agent and reason, and counted.
 */
final class WebhookHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final String UNKNOWN = "unknown";
    /** The client address of the exchange, as resolved (through trusted proxies). */
    private static final AttachmentKey<String> CLIENT = AttachmentKey.create(String.class);
    /** What a security event adds about the request (the path of an unknown source, ...). */
    private static final AttachmentKey<String> DETAIL = AttachmentKey.create(String.class);

    private final HookgateConfig config;
    private final SourceSchemes schemes;
    private final RawRequestWriter writer;
    private final ClientAddresses clientAddresses;
    private final IngressMetrics metrics;
    private final TimeOrderedIds ids;
    private final RateLimits rateLimits;
    private final KafkaBackpressure backpressure;
    private final BodyBudget bodyBudget;
    private final Clock clock;
    private final IngressTracing tracing;
    private final SecurityLog securityLog;
    private final Map<String, UserAgents> userAgents;

    WebhookHandler(final HookgateConfig config, final SourceSchemes schemes, final RawRequestWriter writer,
                   final IngressMetrics metrics, final RateLimits rateLimits, final KafkaBackpressure backpressure,
                   final BodyBudget bodyBudget, final Clock clock, final Tracing tracing, final SecurityLog securityLog) {
        this.tracing = new IngressTracing(tracing);
        this.securityLog = securityLog;
        this.userAgents = config.sources().values().stream()
            .collect(Collectors.toMap(SourceConfig::id, source -> UserAgents.of(source.allowedUserAgents())));
        this.config = config;
        this.schemes = schemes;
        this.writer = writer;
        this.clientAddresses = new ClientAddresses(config.ingress().trustedProxies());
        this.metrics = metrics;
        this.rateLimits = rateLimits;
        this.backpressure = backpressure;
        this.bodyBudget = bodyBudget;
        this.ids = new TimeOrderedIds(clock);
        this.clock = clock;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) {
        final long started = System.nanoTime();
        final String sourceId = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("source");
        // The root of this webhook's trace (or the provider's trace continued), ended with the exchange.
        tracing.start(exchange, sourceId);
        final InetAddress client = clientAddresses.resolve(exchange.getSourceAddress().getAddress(),
            values(exchange.getRequestHeaders().get("X-Forwarded-For")));
        exchange.putAttachment(CLIENT, client.getHostAddress());
        final Optional<SourceConfig> source = config.source(sourceId);
        final Optional<SourceScheme> scheme = schemes.forSource(sourceId);
        if (source.isEmpty() || scheme.isEmpty()) {
            // The path is the sender's: logged (cleaned) to tell a misconfigured provider from a scanner, never a metric tag.
            exchange.putAttachment(DETAIL, "path=" + exchange.getRequestPath());
            answerError(exchange, UNKNOWN, started, 404, "unknown_source", "no source '" + sourceId + "' is configured");
            return;
        }
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            exchange.putAttachment(DETAIL, "method=" + exchange.getRequestMethod());
            answerError(exchange, sourceId, started, 405, "method_not_allowed", "use POST");
            return;
        }
        if (!source.get().allowedIps().isEmpty() && source.get().allowedIps().stream().noneMatch(block -> block.contains(client))) {
            answerError(exchange, sourceId, started, 403, "ip_not_allowed", "client address not allowed for this source");
            return;
        }
        if (!userAgents.get(sourceId).allows(values(exchange.getRequestHeaders().get(Headers.USER_AGENT)))) {
            answerError(exchange, sourceId, started, 403, "user_agent_not_allowed", "User-Agent not allowed for this source");
            return;
        }
        final Optional<Duration> wait = rateLimits.check(sourceId, client);
        if (wait.isPresent()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
            answerError(exchange, sourceId, started, 429, "rate_limited", "too many requests; retry later");
            return;
        }
        final int maxBody = source.get().maxBodyBytes();
        if (exchange.getRequestContentLength() > maxBody) {
            answerError(exchange, sourceId, started, 413, "payload_too_large", "body larger than " + maxBody + " bytes");
            return;
        }
        if (bodyBudget.isFull()) {
            busy(exchange, sourceId, started);
            return;
        }
        final Instant receivedAt = clock.instant();
        BodyReader.read(exchange, maxBody, bodyBudget, BodyDeadline.of(exchange), new BodyReader.Outcome() {
            @Override
            public void received(final HttpServerExchange ex, final byte[] body) {
                onBody(ex, source.get(), scheme.get(), client, receivedAt, body, started);
            }

            @Override
            public void refused(final HttpServerExchange ex, final BodyReader.Refusal refusal, final IOException cause) {
                onRefused(ex, sourceId, refusal, cause, maxBody, started);
            }
        });
    }

    private void onBody(final HttpServerExchange exchange, final SourceConfig source, final SourceScheme scheme,
                        final InetAddress client, final Instant receivedAt, final byte[] body, final long started) {
        final RawRequest request = new RawRequest(ids.next(), source.id(), receivedAt, client.getHostAddress(),
            exchange.getRequestMethod().toString(), exchange.getQueryString(), headers(exchange), body);
        IngressTracing.span(exchange).setAttribute(IngressTracing.INGRESS_ID, request.ingressId())
            .setAttribute(IngressTracing.CLIENT, request.clientAddress());
        final Optional<HttpReply> handshake = scheme.handshake(request);
        if (handshake.isPresent()) {
            LOG.info("Answered handshake source={} ingressId={}", source.id(), request.ingressId());
            answer(exchange, source.id(), started, handshake.get());
            return;
        }
        if (!backpressure.tryAcquire(body.length)) {
            // Kafka is not keeping up: refuse now rather than queue; the provider retries later.
            unavailable(exchange, source.id(), started);
            return;
        }
        store(exchange, scheme, request, started);
    }

    /**
     * Sends on the IO thread: the producer never blocks ({@code max.block.ms=0}; a missing partition
     * or a full buffer fails the send at once), and its delivery timeout is {@code ingress.kafkaTimeout},
     * so the callback always answers within it.
     */
    private void store(final HttpServerExchange exchange, final SourceScheme scheme, final RawRequest request, final long started) {
        // Keep the exchange open after the handler returns: the producer callback answers.
        exchange.dispatch();
        writer.write(request, dedupKeyHint(scheme, request), IngressTracing.context(exchange)).whenComplete((ignored, error) -> {
            backpressure.release(request.body().length, error == null);
            if (error != null) {
                LOG.warn("Kafka refused source={} ingressId={}: {}", request.source(), request.ingressId(), error.toString());
                exchange.getIoThread().execute(() -> unavailable(exchange, request.source(), started));
                return;
            }
            // Ingress ids are UUIDs: no escaping needed.
            final HttpReply reply = scheme.acknowledgement()
                .orElseGet(() -> HttpReply.json("{\"status\":\"accepted\",\"ingressId\":\"" + request.ingressId() + "\"}"));
            exchange.getIoThread().execute(() -> answer(exchange, request.source(), started, reply));
        });
    }

    /** A hint is an optimisation: a scheme that fails to give one costs a repartition, never the request. */
    private static Optional<String> dedupKeyHint(final SourceScheme scheme, final RawRequest request) {
        try {
            return scheme.dedupKeyHint(request);
        } catch (RuntimeException e) {
            LOG.debug("No dedup key hint source={} ingressId={}: {}", request.source(), request.ingressId(), e.toString());
            return Optional.empty();
        }
    }

    private void unavailable(final HttpServerExchange exchange, final String source, final long started) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
        answerError(exchange, source, started, 503, "kafka_unavailable", "the request could not be stored; retry later");
    }

    private void onRefused(final HttpServerExchange exchange, final String source, final BodyReader.Refusal refusal,
                           final IOException cause, final int maxBody, final long started) {
        switch (refusal) {
            case TOO_LARGE -> answerError(exchange, source, started, 413, "payload_too_large", "body larger than " + maxBody + " bytes");
            // Undertow drains the rest of the body (no memory held) until the body deadline.
            case BUSY -> busy(exchange, source, started);
            case TIMED_OUT -> {
                // The sender is too slow to be worth reading further: answer, then close the connection.
                exchange.setPersistent(false);
                answerError(exchange, source, started, 408, "body_timeout", "the request body did not arrive within "
                    + BodyDeadline.of(exchange).timeout().toMillis() + " ms");
            }
            case UNREADABLE -> {
                // The client went away or sent a broken body; most likely nobody reads the answer, and nothing was stored.
                LOG.debug("Body read failed source={}: {}", source, String.valueOf(cause));
                exchange.setPersistent(false);
                answerError(exchange, source, started, 400, "bad_request", "the request body could not be read");
            }
        }
    }

    /** The budget of buffered body bytes is spent: refuse now, the provider retries later. */
    private void busy(final HttpServerExchange exchange, final String source, final long started) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "2");
        answerError(exchange, source, started, 503, "ingress_busy", "the ingress is receiving too much at once; retry later");
    }

    private void answer(final HttpServerExchange exchange, final String source, final long started, final HttpReply reply) {
        Replies.send(exchange, reply.status(), reply.contentType(), reply.body());
        metrics.answered(source, reply.status(), Duration.ofNanos(System.nanoTime() - started));
    }

    private void answerError(final HttpServerExchange exchange, final String source, final long started, final int status,
                             final String code, final String message) {
        IngressTracing.refused(exchange, code);
        if (status < 500) {
            // A refusal of the client's request (a 503 is ours: Kafka, memory; it shows in the metrics), counted before it is answered.
            securityLog.refused(source, exchange.getAttachment(CLIENT), exchange.getRequestHeaders().getFirst(Headers.USER_AGENT), status,
                code, exchange.getAttachment(DETAIL));
        }
        Replies.error(exchange, status, code, message);
        metrics.answered(source, status, Duration.ofNanos(System.nanoTime() - started));
    }

    private static HttpHeaders headers(final HttpServerExchange exchange) {
        final List<HttpHeaders.Header> headers = new ArrayList<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            for (String value : values) {
                headers.add(new HttpHeaders.Header(values.getHeaderName().toString(), value));
            }
        }
        return HttpHeaders.of(headers);
    }

    private static List<String> values(final HeaderValues values) {
        return values == null ? List.of() : new ArrayList<>(values);
    }
}
