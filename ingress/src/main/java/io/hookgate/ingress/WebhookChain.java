package io.hookgate.ingress;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.time.Ticker;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.providers.SourceSchemes;
import io.undertow.server.HttpHandler;

import java.time.Clock;

/**
 * {@code POST /webhooks/{source}} as a chain of small handlers, each with one check, in the order
 * that costs least for what it refuses: the source ({@link SourceRoute}), the method ({@link
 * MethodCheck}), the allow-lists ({@link AllowList}), the rate limits ({@link RateLimitCheck}), the
 * body within its limits ({@link BodyLimit}), a provider's handshake ({@link HandshakeAnswer}), and
 * the store in Kafka ({@link StoreRequest}). Signatures are verified downstream, by the processor.
 */
final class WebhookChain {

    private WebhookChain() {
    }

    /** The chain, its links sharing {@code answers} (metrics, security events) and {@code ticker}. */
    static HttpHandler of(final HookgateConfig config, final SourceSchemes schemes, final RawRequestStore store, final EdgeAnswers answers,
                          final RateLimits rateLimits, final KafkaBackpressure backpressure, final BodyBudget bodyBudget,
                          final Clock clock, final Tracing tracing, final Ticker ticker) {
        final HttpHandler storeRequest = new StoreRequest(store, backpressure, answers);
        final HttpHandler handshake = new HandshakeAnswer(storeRequest, answers);
        final HttpHandler body = new BodyLimit(handshake, answers, bodyBudget, clock);
        final HttpHandler rate = new RateLimitCheck(body, answers, rateLimits);
        final HttpHandler allowList = new AllowList(rate, answers, config.sources().values());
        final HttpHandler method = new MethodCheck(allowList, answers);
        return new SourceRoute(method, config, schemes, new ClientAddresses(config.ingress().trustedProxies()), new IngressTracing(tracing),
            answers, ticker);
    }
}
