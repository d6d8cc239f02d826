package io.hookgate.ingress;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What the ingress's handler chain knows of one request to {@code /webhooks/{source}}, attached to its
 * exchange by {@link SourceRoute} and read by every later handler: when it started, the source asked
 * for (configured or not), the client address, and, once the body is in, the raw request.
 */
final class Arrival {

    private static final AttachmentKey<Arrival> KEY = AttachmentKey.create(Arrival.class);
    private static final String UNKNOWN = "unknown";

    private final long startedNanos;
    private final String sourceId;
    private final SourceConfig source;
    private final SourceScheme scheme;
    private final InetAddress client;
    private String detail;
    private RawRequest request;

    /**
     * @param source the configured source, or null when none is configured by that id
     * @param scheme its scheme, or null with it
     */
    Arrival(final long startedNanos, final String sourceId, final SourceConfig source, final SourceScheme scheme, final InetAddress client) {
        this.startedNanos = startedNanos;
        this.sourceId = sourceId;
        this.source = source;
        this.scheme = scheme;
        this.client = client;
    }

    /** Attaches this to {@code exchange}. */
    void attachTo(final HttpServerExchange exchange) {
        exchange.putAttachment(KEY, this);
    }

    /** The arrival {@link #attachTo} gave {@code exchange}. */
    static Arrival of(final HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    long startedNanos() {
        return startedNanos;
    }

    /** The configured source, empty for a path naming none. */
    Optional<SourceConfig> source() {
        return Optional.ofNullable(source);
    }

    /** The source's scheme; only called once {@link #source()} is known present. */
    SourceScheme scheme() {
        return scheme;
    }

    /** The source as a metric tag: its id when configured, else {@code unknown} (a sender's path is no tag). */
    String metricSource() {
        return source == null ? UNKNOWN : sourceId;
    }

    InetAddress client() {
        return client;
    }

    /** What a security event adds about the request (the path of an unknown source, ...), or null. */
    String detail() {
        return detail;
    }

    void detail(final String text) {
        this.detail = text;
    }

    /** The request as it will be stored, once its body is in; null before. */
    RawRequest request() {
        return request;
    }

    void request(final RawRequest stored) {
        this.request = stored;
    }
}
