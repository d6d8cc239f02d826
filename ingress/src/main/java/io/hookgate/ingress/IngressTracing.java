package io.hookgate.ingress;

import io.hookgate.core.tracing.TraceHeaders;
import io.hookgate.core.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ingress span of each webhook request, the root of its trace: a SERVER span that continues
 * the provider's own {@code traceparent} when it sends a valid one, and starts a new trace
 * otherwise. It is kept on the exchange and ended when the exchange completes, however it ends
 * (answered, refused, cut off), with the status answered; its context goes into the raw record's
 * headers, where the processor picks the trace up.
 */
final class IngressTracing {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("hookgate.source");
    static final AttributeKey<String> INGRESS_ID = AttributeKey.stringKey("hookgate.ingress_id");

    private static final String ROUTE_TEMPLATE = "/webhooks/{source}";
    /** Span names stay few: a method outside these is named HTTP, as the semantic conventions say. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final int MAX_USER_AGENT = 256;
    private static final AttachmentKey<Span> SPAN = AttachmentKey.create(Span.class);

    private static final TextMapGetter<HeaderMap> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(final HeaderMap headers) {
            final List<String> names = new ArrayList<>();
            headers.getHeaderNames().forEach(name -> names.add(name.toString()));
            return names;
        }

        @Override
        public String get(final HeaderMap headers, final String key) {
            if (headers == null) {
                return null;
            }
            final HeaderValues values = headers.get(HttpString.tryFromString(key));
            // More than one traceparent is no valid trace context: start a new trace.
            return values == null || values.size() != 1 ? null : values.getFirst();
        }
    };

    private final Tracing tracing;

    IngressTracing(final Tracing tracing) {
        this.tracing = tracing;
    }

    /** Starts the span of {@code exchange}, ended with the exchange. */
    Span start(final HttpServerExchange exchange, final String source) {
        final String method = exchange.getRequestMethod().toString();
        final String spanMethod = KNOWN_METHODS.contains(method) ? method : "HTTP";
        final String userAgent = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.USER_AGENT);
        final Span span = tracing.tracer().spanBuilder(spanMethod + " " + ROUTE_TEMPLATE)
            .setParent(TraceHeaders.extract(exchange.getRequestHeaders(), HEADERS))
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(METHOD, spanMethod.equals("HTTP") ? "_OTHER" : method)
            .setAttribute(ROUTE, ROUTE_TEMPLATE)
            .setAttribute(SOURCE, source)
            .startSpan();
        if (userAgent != null) {
            span.setAttribute(USER_AGENT, userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
        }
        exchange.putAttachment(SPAN, span);
        exchange.addExchangeCompleteListener((completed, next) -> {
            try {
                end(completed, span);
            } finally {
                next.proceed();
            }
        });
        return span;
    }

    /** The context of {@code exchange}'s span, to write into what the request becomes. */
    static Context context(final HttpServerExchange exchange) {
        final Span span = exchange.getAttachment(SPAN);
        return span == null ? Context.root() : Context.root().with(span);
    }

    /** The span of {@code exchange} (invalid when none was started). */
    static Span span(final HttpServerExchange exchange) {
        final Span span = exchange.getAttachment(SPAN);
        return span == null ? Span.getInvalid() : span;
    }

    /** Notes why the request is refused: the stable code of the answer. */
    static void refused(final HttpServerExchange exchange, final String code) {
        span(exchange).setAttribute(ERROR_TYPE, code);
    }

    private static void end(final HttpServerExchange exchange, final Span span) {
        final int status = exchange.getStatusCode();
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            // A server span is in error only when the server failed (5xx); a refused client is no failure of ours.
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
