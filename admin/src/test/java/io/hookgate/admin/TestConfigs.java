package io.hookgate.admin;

import io.hookgate.core.config.ConfigDef;
import io.hookgate.core.config.ConfigKey;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ProviderCatalog;
import io.hookgate.core.config.ProviderSpec;
import io.hookgate.core.config.ValueType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Configurations for the admin module's tests, read by the real loader with a catalog of stand-in
 * providers: {@code standard-webhooks} (no keys of its own), and {@code hmac} and {@code token} with
 * their {@code header} and {@code queryParam} keys, as the real ones define them.
 */
public final class TestConfigs {

    public static final ProviderCatalog PROVIDERS = new ProviderCatalog() {
        private final ConfigKey<String> header = ConfigKey.optional("header", ValueType.STRING, null, "credential header");
        private final ConfigKey<String> queryParam = ConfigKey.optional("queryParam", ValueType.STRING, null, "credential parameter");
        private final Map<String, ProviderSpec> specs = Map.of(
            "standard-webhooks", () -> "standard-webhooks",
            "hmac", spec("hmac", ConfigDef.of(header)),
            "token", spec("token", ConfigDef.of(header, queryParam)));

        @Override
        public Optional<ProviderSpec> find(final String name) {
            return Optional.ofNullable(specs.get(name));
        }

        @Override
        public SortedSet<String> names() {
            return new TreeSet<>(specs.keySet());
        }
    };

    private TestConfigs() {
    }

    private static ProviderSpec spec(final String name, final ConfigDef options) {
        return new ProviderSpec() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ConfigDef options() {
                return options;
            }
        };
    }

    /** The operator's token in {@link #withTenant()}. */
    public static final String OPERATOR_TOKEN = "operator-token-000000000001";
    /** Tenant acme's token in {@link #withTenant()}. */
    public static final String ACME_TOKEN = "acme-tenant-token-0000000001";
    /** The signing secret of every subscription of {@link #withTenant()}. */
    public static final String SIGNING_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /**
     * The operator and one tenant, acme: the operator's source {@code shop} with subscriptions
     * {@code billing} and {@code crm}, and acme's source {@code acme-shop} with {@code acme-sub}.
     */
    public static HookgateConfig withTenant() {
        return parse("""
            admin:
              token: %s
              tokens: [{token: %s, tenant: acme}]
            sources:
              shop: {provider: standard-webhooks}
              acme-shop: {provider: standard-webhooks, tenant: acme}
            subscriptions:
              billing: {url: "https://billing.example.com/h", sources: [shop], secret: %s}
              crm: {url: "https://crm.example.com/h", sources: [shop], secret: %s}
              acme-sub: {url: "https://acme.example.com/h", sources: [acme-shop], tenant: acme, secret: %s}
            """.formatted(OPERATOR_TOKEN, ACME_TOKEN, SIGNING_SECRET, SIGNING_SECRET, SIGNING_SECRET));
    }

    public static HookgateConfig parse(final String yaml) {
        return new ConfigLoader(PROVIDERS, Map.<String, String>of()::get).parse(yaml);
    }

    /** Creates {@code topics} with one partition each. */
    public static void createTopics(final Admin admin, final String... topics) throws Exception {
        admin.createTopics(List.of(topics).stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList())
            .all().get();
    }
}
