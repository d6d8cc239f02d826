package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration as it applies, every key of every section, each secret masked: what hookgate config print prints. */
class ResolvedConfigTest {

    private static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SUBSCRIPTION_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String ROTATED_SECRET = "whsec_c2VjcmV0LWtleS1iLTEyMzQ1Njc4OTA=";
    private static final String HMAC_SECRET = "hmac-secret-never-printed";
    private static final String ADMIN_TOKEN = "admin-token-never-printed";
    private static final String TENANT_TOKEN = "tenant-token-never-printed";
    private static final String SECRETS_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    private static final String COLLECTOR_KEY = "collector-key-never-printed";
    private static final String JAAS = "PlainLoginModule required username=\"u\" password=\"kafka-password-never-printed\";";

    private static final String CONFIG = """
        kafka:
          replicationFactor: 3
          properties: {security.protocol: SASL_SSL, sasl.jaas.config: '${JAAS}'}
        ingress: {port: "${PORT:-9090}"}
        sources:
          demo: {provider: standard-webhooks, secrets: ["${SOURCE_SECRET}"], allowedIps: ["10.0.0.0/8"], eventTypes: [a.b]}
          custom: {provider: hmac, header: X-Signature, secrets: ["%s"]}
        subscriptions:
          billing:
            url: "${BILLING_URL:-https://billing.example.com/hooks}"
            sources: [demo]
            eventTypes: ["a.*"]
            secret: "%s"
            secrets: ["%s"]
        dispatch: {retryDelays: [5s, 1m]}
        admin:
          token: "%s"
          secretsKey: "%s"
          tokens: [{token: "%s", tenant: acme}]
        tracing: {otlpHeaders: {x-api-key: "%s"}}
        tenants:
          acme: {rateLimitPerSecond: 5}
        """.formatted(HMAC_SECRET, SUBSCRIPTION_SECRET, ROTATED_SECRET, ADMIN_TOKEN, SECRETS_KEY, TENANT_TOKEN, COLLECTOR_KEY);

    private final ConfigLoader loader = new ConfigLoader(ConfigLoaderTest.PROVIDERS,
        Map.of("SOURCE_SECRET", SOURCE_SECRET, "JAAS", JAAS, "PORT", "")::get);

    @Test
    void everyKeyOfEverySectionIsPrintedWithTheValueThatApplies() {
        final ObjectNode printed = loader.resolve(CONFIG, Path.of("")).printed();
        assertThat(names(printed)).containsExactly("kafka", "ingress", "sources", "subscriptions", "dispatch", "admin", "processor",
            "dev", "tracing", "logging", "tenants");
        assertKeys(printed.get("kafka"), KafkaSettings.DEF);
        assertKeys(printed.get("ingress"), IngressSettings.DEF);
        assertKeys(printed.at("/sources/demo"), SourceConfig.COMMON_DEF);
        assertKeys(printed.at("/sources/custom"), SourceConfig.COMMON_DEF.plus(ConfigLoaderTest.PROVIDERS.find("hmac").orElseThrow().options()));
        assertKeys(printed.at("/subscriptions/billing"), SubscriptionConfig.DEF);
        assertKeys(printed.get("dispatch"), DispatchSettings.DEF);
        assertKeys(printed.get("admin"), AdminSettings.DEF);
        assertKeys(printed.at("/admin/tokens/0"), TenantToken.DEF);
        assertKeys(printed.get("processor"), ProcessorSettings.DEF);
        assertKeys(printed.get("dev"), DevSettings.DEF);
        assertKeys(printed.get("tracing"), TracingSettings.DEF);
        assertKeys(printed.get("logging"), LoggingSettings.DEF);
        assertKeys(printed.at("/tenants/acme"), TenantSettings.DEF);

        assertThat(printed.at("/ingress/port").intValue()).as("${PORT:-9090} with PORT empty").isEqualTo(9090);
        assertThat(printed.at("/ingress/host").textValue()).as("a default").isEqualTo("0.0.0.0");
        assertThat(printed.at("/subscriptions/billing/url").textValue()).isEqualTo("https://billing.example.com/hooks");
        assertThat(printed.at("/subscriptions/billing/timeout").textValue()).isEqualTo("10s");
        assertThat(printed.at("/subscriptions/billing/tenant").isNull()).as("a key without a default").isTrue();
        assertThat(printed.at("/kafka/minInSyncReplicas").intValue()).as("0 chooses 2 for 3 replicas").isEqualTo(2);
        assertThat(printed.at("/dispatch/maxRetryAfter").textValue()).as("the default, no longer than the longest delay").isEqualTo("1m");
        assertThat(printed.at("/dispatch/retryDelays").toString()).isEqualTo("[\"5s\",\"1m\"]");
        assertThat(printed.at("/sources/demo/allowedIps/0").textValue()).isEqualTo("10.0.0.0/8");
        assertThat(printed.at("/sources/demo/eventTypes/0").textValue()).isEqualTo("a.b");
        assertThat(printed.at("/kafka/properties/security.protocol").textValue()).isEqualTo("SASL_SSL");
        assertThat(printed.at("/subscriptions").size()).isEqualTo(1);
    }

    @Test
    void everySecretIsMaskedAndNoneAppearsInTheText() {
        final ResolvedConfig resolved = loader.resolve(CONFIG, Path.of(""));
        final ObjectNode printed = resolved.printed();
        assertThat(printed.at("/sources/demo/secrets/0").textValue()).isEqualTo("whsec_****");
        assertThat(printed.at("/sources/custom/secrets/0").textValue()).isEqualTo("****");
        assertThat(printed.at("/subscriptions/billing/secret").textValue()).isEqualTo("whsec_****");
        assertThat(printed.at("/subscriptions/billing/secrets/0").textValue()).isEqualTo("whsec_****");
        assertThat(printed.at("/admin/token").textValue()).isEqualTo("****");
        assertThat(printed.at("/admin/secretsKey").textValue()).isEqualTo("****");
        assertThat(printed.at("/admin/tokens/0/token").textValue()).isEqualTo("****");
        assertThat(printed.at("/admin/tokens/0/tenant").textValue()).isEqualTo("acme");
        assertThat(printed.at("/tracing/otlpHeaders/x-api-key").textValue()).isEqualTo("****");
        assertThat(printed.at("/kafka/properties/sasl.jaas.config").textValue()).isEqualTo("****");
        assertThat(resolved.yaml()).doesNotContain(SOURCE_SECRET.substring(6), SUBSCRIPTION_SECRET.substring(6),
            ROTATED_SECRET.substring(6), HMAC_SECRET, ADMIN_TOKEN, SECRETS_KEY, TENANT_TOKEN, COLLECTOR_KEY, "kafka-password");
        assertThat(resolved.config().admin().token()).as("the configuration itself keeps them").contains(ADMIN_TOKEN);
    }

    @Test
    void theSecretKeysAreDeclaredSoInTheirDefinitions() {
        assertThat(List.of(SourceConfig.SECRETS, SubscriptionConfig.SECRET, SubscriptionConfig.SECRETS, AdminSettings.TOKEN,
            AdminSettings.SECRETS_KEY, TenantToken.TOKEN, TracingSettings.OTLP_HEADERS, KafkaSettings.PROPERTIES))
            .allMatch(ConfigKey::isSecret);
        assertThat(List.of(SourceConfig.PROVIDER, SubscriptionConfig.URL, AdminSettings.HOST, TenantToken.TENANT)).noneMatch(ConfigKey::isSecret);
        assertThat(KafkaSettings.isSecretProperty("ssl.key.password")).isTrue();
        assertThat(KafkaSettings.isSecretProperty("sasl.jaas.config")).isTrue();
        assertThat(KafkaSettings.isSecretProperty("security.protocol")).isFalse();
    }

    @Test
    void theYamlReadsBackAsTheSameTree() throws Exception {
        final ResolvedConfig resolved = loader.resolve(CONFIG, Path.of(""));
        final JsonNode reread = new ObjectMapper(new YAMLFactory()).readTree(resolved.yaml());
        assertThat(reread).isEqualTo(resolved.printed());
        assertThat(resolved.yaml()).startsWith("kafka:\n").contains("\n  port: 9090\n");
    }

    private static void assertKeys(final JsonNode section, final ConfigDef def) {
        assertThat(names(section)).containsExactlyElementsOf(def.keys().stream().map(ConfigKey::name).toList());
    }

    private static List<String> names(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
