package io.hookgate.app.dev;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SigningSecret;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.json.Json;
import io.hookgate.providers.crypto.Timestamps;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The receiver {@code hookgate dev} starts beside itself so the first run shows a delivery end to
 * end: {@code POST /{subscription}} verifies the Standard Webhooks signature with that
 * subscription's secrets, as any receiver should, and logs what arrived.
 */
public final class DemoReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("hookgate.demo-receiver");

    private final Function<String, Optional<SubscriptionConfig>> subscriptions;
    private final int requestedPort;
    private final AtomicInteger verified = new AtomicInteger();
    private Undertow server;
    private int port;

    /** A receiver of the subscriptions of {@code config}'s file alone. */
    public DemoReceiver(final HookgateConfig config, final int port) {
        this(config::subscription, port);
    }

    /**
     * @param subscriptions the subscription of an id as in force now (dev mode's gateway's table), so that
     *                      one made through the admin API verifies too
     */
    public DemoReceiver(final Function<String, Optional<SubscriptionConfig>> subscriptions, final int port) {
        this.subscriptions = subscriptions;
        this.requestedPort = port;
    }

    public void start() {
        server = Undertow.builder().addHttpListener(requestedPort, "127.0.0.1")
            .setHandler(exchange -> exchange.getRequestReceiver().receiveFullBytes(this::receive)).build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server = null;
            throw new IllegalStateException("port " + requestedPort + " (demo receiver) is already in use; set dev.receiverPort "
                + "to another port, or 0 to start no receiver: " + e.getMessage(), e);
        }
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public int port() {
        return port;
    }

    /** How many webhooks arrived with a valid signature. */
    public int verifiedCount() {
        return verified.get();
    }

    private void receive(final HttpServerExchange exchange, final byte[] body) {
        final String subscriptionId = exchange.getRelativePath().replaceFirst("^/", "");
        final Optional<SubscriptionConfig> subscription = subscriptions.apply(subscriptionId);
        final String id = exchange.getRequestHeaders().getFirst("webhook-id");
        final String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        final String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        final OptionalLong seconds = Timestamps.parseCanonical(timestamp);
        final boolean valid = subscription.isPresent() && id != null && signature != null && seconds.isPresent()
            && StandardWebhooksSigner.matches(subscription.get().secrets().stream().map(SigningSecret::decode).toList(),
                signature, id, seconds.getAsLong(), body);
        if (!valid) {
            LOG.warn("Demo receiver REFUSED a webhook for /{} (webhook-id={}): signature does not verify", subscriptionId, id);
            exchange.setStatusCode(401);
            exchange.getResponseSender().send("signature does not verify");
            return;
        }
        verified.incrementAndGet();
        String summary;
        try {
            final var envelope = Json.mapper().readTree(body);
            summary = "source=" + envelope.path("source").asText() + " eventId=" + envelope.path("eventId").asText()
                + " type=" + envelope.path("type").asText();
        } catch (java.io.IOException e) {
            summary = new String(body, StandardCharsets.UTF_8);
        }
        LOG.info("Demo receiver got a verified webhook for subscription {}: webhook-id={} {}", subscriptionId, id, summary);
        exchange.setStatusCode(204);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
