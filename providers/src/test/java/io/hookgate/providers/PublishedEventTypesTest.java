package io.hookgate.providers;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.testing.AllSchemes;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event types each provider package ships, named as its scheme names types, and checked against subscriptions at load. */
class PublishedEventTypesTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private final ConfigLoader loader = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get);

    static Stream<String> publishing() {
        return Providers.builtIn().names().stream().filter(name -> !Providers.builtIn().find(name).orElseThrow().eventTypes().isEmpty());
    }

    @Test
    void theProvidersThatPublishTheirTypesShipThem() {
        assertThat(publishing()).contains("stripe", "github", "shopify", "slack", "square", "zoom");
        final Provider stripe = Providers.builtIn().find("stripe").orElseThrow();
        assertThat(stripe.eventTypes()).contains("invoice.paid", "charge.succeeded", "customer.subscription.updated").hasSizeGreaterThan(150);
        assertThat(Providers.builtIn().find("github").orElseThrow().eventTypes())
            .as("X-GitHub-Event and .action, as GithubScheme names them").contains("push", "ping", "pull_request.opened", "issues.closed");
        assertThat(Providers.builtIn().find("shopify").orElseThrow().eventTypes()).contains("orders/create", "products/update");
        assertThat(Providers.builtIn().find("publisher").orElseThrow().eventTypes()).as("the application declares its own").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("publishing")
    void theTypeOfASignedSampleIsInItsProvidersList(final String provider) {
        final SourceScheme scheme = TestSources.scheme(SignVerifyRoundTripTest.idOf(provider), AllSchemes.SOURCES.get(provider));
        final Instant now = Instant.now();
        final SignedRequest signed = scheme.sign(scheme.sampleBody(now), now);
        final String type = accepted(scheme, TestSources.received(SignVerifyRoundTripTest.idOf(provider), now, signed)).identity().type();
        assertThat(Providers.builtIn().find(provider).orElseThrow().eventTypes()).contains(type);
    }

    private HookgateConfig load(final String source, final String eventTypes) {
        return loader.parse("""
            sources:
              %s
            subscriptions:
              billing: {url: "https://billing.example.com/hooks", sources: [%s], eventTypes: %s, secret: "%s"}
            """.formatted(source, source.substring(0, source.indexOf(':')), eventTypes, SECRET));
    }

    @Test
    void aTypoInASubscriptionIsRefusedWithTheNearestPublishedType() {
        assertThatThrownBy(() -> load("stripe: {provider: stripe, secrets: [whsec_x]}", "[\"invoice.piad\"]"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("subscriptions.billing.eventTypes[0]: unknown_event_type 'invoice.piad' matches no event type of "
                + "source stripe; did you mean invoice.paid?");
        assertThatThrownBy(() -> load("gh: {provider: github, secrets: [s]}", "[\"pull_request.opend\"]"))
            .hasMessageContaining("did you mean pull_request.opened?");
        assertThatThrownBy(() -> load("shop: {provider: shopify, secrets: [s]}", "[\"order/*\"]"))
            .hasMessageContaining("did you mean orders/*?");
        load("stripe: {provider: stripe, secrets: [whsec_x]}", "[\"invoice.*\", \"charge.succeeded\"]");
    }

    @Test
    void aSourceDeclaresWhatItsProvidersListLacks() {
        assertThatThrownBy(() -> load("gh: {provider: github, secrets: [s]}", "[\"repository_dispatch.deploy\"]"))
            .isInstanceOf(ConfigException.class);
        final HookgateConfig config = load("gh: {provider: github, secrets: [s], eventTypes: [repository_dispatch.deploy]}",
            "[\"repository_dispatch.deploy\", \"push\"]");
        assertThat(config.source("gh").orElseThrow().catalogue().types()).contains("repository_dispatch.deploy", "push");
    }
}
