package io.hookgate.providers;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ProviderCatalog;
import io.hookgate.providers.basicauth.BasicAuthProvider;
import io.hookgate.providers.checkr.CheckrScheme;
import io.hookgate.providers.docusign.DocusignScheme;
import io.hookgate.providers.dropboxsign.DropboxSignScheme;
import io.hookgate.providers.github.GithubProvider;
import io.hookgate.providers.hmac.HmacProvider;
import io.hookgate.providers.publisher.PublisherProvider;
import io.hookgate.providers.shopify.ShopifyScheme;
import io.hookgate.providers.slack.SlackScheme;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.square.SquareScheme;
import io.hookgate.providers.standardwebhooks.StandardWebhooksProvider;
import io.hookgate.providers.stripe.StripeScheme;
import io.hookgate.providers.token.TokenProvider;
import io.hookgate.providers.twilio.TwilioScheme;
import io.hookgate.providers.zoom.ZoomScheme;


import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registry of verification schemes: the one list naming every provider. The configuration
 * loader asks it for each provider's keys; the ingress, processor and app bind sources with it.
 */
public final class Providers implements ProviderCatalog {

    private final Map<String, Provider> byName;

    private Providers(final List<Provider> providers) {
        final Map<String, Provider> map = new LinkedHashMap<>();
        providers.forEach(provider -> map.put(provider.name(), provider));
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Every provider hookgate ships. */
    public static Providers builtIn() {
        return new Providers(List.of(
            StripeScheme.PROVIDER,
            new GithubProvider(),
            SlackScheme.PROVIDER,
            ZoomScheme.PROVIDER,
            DocusignScheme.PROVIDER,
            DropboxSignScheme.PROVIDER,
            SquareScheme.PROVIDER,
            TwilioScheme.PROVIDER,
            ShopifyScheme.PROVIDER,
            CheckrScheme.PROVIDER,
            new StandardWebhooksProvider(),
            new HmacProvider(),
            new BasicAuthProvider(),
            new TokenProvider(),
            new PublisherProvider()));
    }

    @Override
    public Optional<Provider> find(final String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public SortedSet<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** Each configured source bound to its scheme, by source id. */
    public SourceSchemes bind(final HookgateConfig config) {
        final Map<String, SourceScheme> schemes = new LinkedHashMap<>();
        config.sources().forEach((id, source) -> schemes.put(id, find(source.provider())
            .orElseThrow(() -> new IllegalStateException("unknown provider " + source.provider() + " passed validation"))
            .bind(source)));
        return new SourceSchemes(schemes);
    }
}
