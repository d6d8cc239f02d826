package io.hookgate.app;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every configuration in {@code examples/} is valid, given the environment variables it names. */
class ExamplesTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Map<String, String> ENVIRONMENT = Map.of(
        "HOOKGATE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
        "STRIPE_WEBHOOK_SECRET", "whsec_stripe_example",
        "GITHUB_WEBHOOK_SECRET", "github-example",
        "TWILIO_AUTH_TOKEN", "twilio-example",
        "BILLING_HOOK_URL", "https://billing.example.com/hooks",
        "BILLING_HOOK_SECRET", SECRET,
        "HOOKGATE_ADMIN_TOKEN", "an-admin-token-of-some-length");

    @Test
    void everyExampleLoads() throws Exception {
        final List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            examples = files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).extracting(path -> path.getFileName().toString()).contains("dev.yaml", "production.yaml", "compose.yaml");
        for (Path example : examples) {
            final HookgateConfig config = new ConfigLoader(Providers.builtIn(), ENVIRONMENT::get).load(example);
            assertThat(config.sources()).as(example.toString()).isNotEmpty();
        }
    }

    @Test
    void devModePublishesTheApplicationsOwnEventsWithASchemaBesideTheFile() {
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), ENVIRONMENT::get).load(Path.of("..", "examples", "dev.yaml"));
        final io.hookgate.core.config.SourceConfig app = config.source("app").orElseThrow();
        assertThat(app.provider()).isEqualTo("publisher");
        assertThat(app.catalogue().types()).containsExactly("order.cancelled", "order.created");
        assertThat(app.catalogue().schema("order.created").orElseThrow().file())
            .isEqualTo(Path.of("..", "examples", "schemas", "order-created.json").toAbsolutePath().normalize());
        assertThat(config.subscription("orders").orElseThrow().sources()).containsExactly("app");
    }

    @Test
    void theAdminPortIsLoopbackUnlessAConfigurationOpensIt() throws Exception {
        final ConfigLoader loader = new ConfigLoader(Providers.builtIn(), ENVIRONMENT::get);
        assertThat(loader.parse("sources: {demo: {provider: standard-webhooks}}").admin().host()).isEqualTo("127.0.0.1");
        assertThat(loader.load(Path.of("..", "examples", "dev.yaml")).admin().host()).isEqualTo("127.0.0.1");
        // Containers and clusters reach the probes through the network: these say so explicitly.
        assertThat(loader.load(Path.of("..", "examples", "compose.yaml")).admin().host()).isEqualTo("0.0.0.0");
        assertThat(loader.load(Path.of("..", "examples", "production.yaml")).admin().host()).isEqualTo("0.0.0.0");
    }
}
