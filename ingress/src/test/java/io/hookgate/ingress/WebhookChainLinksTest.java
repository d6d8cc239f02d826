package io.hookgate.ingress;

import io.hookgate.core.request.RawRequest;
import io.hookgate.core.testing.ManualTicker;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.providers.Providers;
import io.hookgate.providers.SourceSchemes;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each link of the ingress's chain alone: what it refuses, with which code, and that it lets the rest on. */
class WebhookChainLinksTest {

    private static final String YAML = """
        sources:
          open: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}
          fenced:
            provider: standard-webhooks
            secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
            allowedIps: ["10.0.0.0/8"]
          agents:
            provider: standard-webhooks
            secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
            allowedUserAgents: ["Stripe/*"]
          limited: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], rateLimitPerSecond: 1}
          small: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], maxBodyBytes: 1024}
        """;

    /** A scheme that answers a body of {@code challenge} as a handshake and acknowledges nothing of its own. */
    private static final SourceScheme CHALLENGED = new SourceScheme() {
        @Override
        public Verification verify(final RawRequest request) {
            throw new UnsupportedOperationException("the edge never verifies");
        }

        @Override
        public Optional<HttpReply> handshake(final RawRequest request) {
            return request.bodyText().equals("challenge") ? Optional.of(HttpReply.text("answered")) : Optional.empty();
        }

        @Override
        public SignedRequest sign(final byte[] body, final Instant now) {
            throw new UnsupportedOperationException();
        }
    };

    @Nested
    class Route {
        @Test
        void anUnconfiguredSourceIs404AndASecurityEventUnderUnknown() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                final SourceSchemes schemes = Providers.builtIn().bind(harness.config);
                harness.serveFirst(next -> new SourceRoute(next, harness.config, schemes, new ClientAddresses(List.of()),
                    new IngressTracing(Tracing.noop()), harness.answers, harness.ticker));
                final HttpResponse<String> unknown = harness.post("/webhooks/nope", "{}");
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(unknown.body()).contains("\"error\":\"unknown_source\"");
                assertThat(harness.registry.find("hookgate.ingress.refused").tag("source", "unknown").counter().count()).isEqualTo(1);
                assertThat(harness.post("/webhooks/open", "{}").statusCode()).as("a configured source goes on").isEqualTo(LinkHarness.REACHED);
            }
        }
    }

    @Nested
    class Method {
        @Test
        void onlyPostGoesOnAndAnyOtherMethodIs405WithAllow() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                harness.serve("open", null, next -> new MethodCheck(next, harness.answers));
                final HttpResponse<String> get = harness.send(HttpRequest.newBuilder().GET(), "/webhooks/open");
                assertThat(get.statusCode()).isEqualTo(405);
                assertThat(get.headers().firstValue("Allow")).hasValue("POST");
                assertThat(get.body()).contains("\"error\":\"method_not_allowed\"");
                assertThat(harness.post("/webhooks/open", "{}").statusCode()).isEqualTo(LinkHarness.REACHED);
            }
        }
    }

    @Nested
    class Allowed {
        @Test
        void aClientOutsideTheSourcesAddressesIs403() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                harness.serve("fenced", null, next -> new AllowList(next, harness.answers, harness.config.sources().values()));
                final HttpResponse<String> refused = harness.post("/webhooks/fenced", "{}");
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(refused.body()).contains("\"error\":\"ip_not_allowed\"");
                assertThat(harness.refused("ip_not_allowed")).isEqualTo(1);
            }
        }

        @Test
        void aUserAgentMatchingNoPatternIs403AndAMatchingOneGoesOn() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                harness.serve("agents", null, next -> new AllowList(next, harness.answers, harness.config.sources().values()));
                final HttpResponse<String> curl = harness.send(HttpRequest.newBuilder().header("User-Agent", "curl/8.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")), "/webhooks/agents");
                assertThat(curl.statusCode()).isEqualTo(403);
                assertThat(curl.body()).contains("\"error\":\"user_agent_not_allowed\"");
                assertThat(harness.send(HttpRequest.newBuilder().header("User-Agent", "Stripe/1.0 (+https://stripe.com)")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")), "/webhooks/agents").statusCode()).isEqualTo(LinkHarness.REACHED);
            }
        }
    }

    @Nested
    class Rate {
        @Test
        void overTheSourcesRateIs429WithRetryAfterInWholeSeconds() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                harness.serve("limited", null, next -> new RateLimitCheck(next, harness.answers, new RateLimits(harness.config)));
                assertThat(harness.post("/webhooks/limited", "{}").statusCode()).isEqualTo(LinkHarness.REACHED);
                final HttpResponse<String> second = harness.post("/webhooks/limited", "{}");
                assertThat(second.statusCode()).isEqualTo(429);
                assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(second.body()).contains("\"error\":\"rate_limited\"");
            }
        }
    }

    @Nested
    class Body {
        @Test
        void aBodyOverTheLimitIs413AndOneWithinItGoesOnAsTheRequestToStore() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                harness.serve("small", null, next -> new BodyLimit(next, harness.answers, new BodyBudget(1 << 20), Clock.systemUTC()));
                final HttpResponse<String> large = harness.post("/webhooks/small", "x".repeat(1025));
                assertThat(large.statusCode()).isEqualTo(413);
                assertThat(large.body()).contains("\"error\":\"payload_too_large\"");
                final HttpResponse<String> fits = harness.post("/webhooks/small", "x".repeat(1024));
                assertThat(fits.statusCode()).isEqualTo(LinkHarness.REACHED);
                assertThat(fits.body()).as("the next link gets the body read").isEqualTo("x".repeat(1024));
            }
        }

        @Test
        void aFullMemoryBudgetIs503IngressBusyWithRetryAfter() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                final BodyBudget budget = new BodyBudget(10);
                assertThat(budget.tryCharge(10)).isTrue();
                harness.serve("open", null, next -> new BodyLimit(next, harness.answers, budget, Clock.systemUTC()));
                final HttpResponse<String> busy = harness.post("/webhooks/open", "{}");
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(busy.body()).contains("\"error\":\"ingress_busy\"");
                assertThat(harness.refused("ingress_busy")).as("a 503 is ours, no security event").isZero();
            }
        }
    }

    @Nested
    class Handshake {
        @Test
        void aHandshakeIsAnsweredAndNotStoredAndAnythingElseGoesOn() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                harness.serve("open", CHALLENGED, next -> new BodyLimit(new HandshakeAnswer(next, harness.answers), harness.answers,
                    new BodyBudget(1 << 20), Clock.systemUTC()));
                final HttpResponse<String> challenge = harness.post("/webhooks/open", "challenge");
                assertThat(challenge.statusCode()).isEqualTo(200);
                assertThat(challenge.body()).isEqualTo("answered");
                assertThat(harness.post("/webhooks/open", "{\"event\":1}").statusCode()).isEqualTo(LinkHarness.REACHED);
            }
        }
    }

    @Nested
    class Store {
        private final List<RawRequest> stored = new CopyOnWriteArrayList<>();

        private RawRequestStore storing(final CompletableFuture<Void> outcome) {
            return (request, hint, trace) -> {
                stored.add(request);
                return outcome;
            };
        }

        @Test
        void answers200WithTheIngressIdOnlyOnceTheStoreAcknowledged() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                harness.serve("open", CHALLENGED, next -> new BodyLimit(new StoreRequest(storing(CompletableFuture.completedFuture(null)),
                    new KafkaBackpressure(1 << 20, Duration.ofSeconds(10), new ManualTicker()), harness.answers), harness.answers,
                    new BodyBudget(1 << 20), Clock.systemUTC()));
                final HttpResponse<String> accepted = harness.post("/webhooks/open", "{\"event\":1}");
                assertThat(accepted.statusCode()).isEqualTo(200);
                assertThat(stored).singleElement().satisfies(request -> {
                    assertThat(request.source()).isEqualTo("open");
                    assertThat(request.bodyText()).isEqualTo("{\"event\":1}");
                    assertThat(accepted.body()).isEqualTo("{\"status\":\"accepted\",\"ingressId\":\"" + request.ingressId() + "\"}");
                });
            }
        }

        @Test
        void aStoreThatFailedIs503KafkaUnavailableAndNeverA200() throws Exception {
            try (LinkHarness harness = new LinkHarness(YAML)) {
                final KafkaBackpressure backpressure = new KafkaBackpressure(1 << 20, Duration.ofSeconds(10), new ManualTicker());
                harness.serve("open", CHALLENGED, next -> new BodyLimit(new StoreRequest(
                    storing(CompletableFuture.failedFuture(new IllegalStateException("broker down"))), backpressure, harness.answers),
                    harness.answers, new BodyBudget(1 << 20), Clock.systemUTC()));
                final HttpResponse<String> refused = harness.post("/webhooks/open", "{\"event\":1}");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(refused.body()).contains("\"error\":\"kafka_unavailable\"");
                assertThat(backpressure.inFlightBytes()).as("what was reserved is released").isZero();
            }
        }
    }
}
