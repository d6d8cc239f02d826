package io.hookgate.providers;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hookgate.core.config.ConfigException;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target of the configuration loader with every built-in provider's keys: any file either
 * loads, and then binds every source to its scheme, or is refused with a {@link ConfigException}
 * naming each problem's path; never another exception (a stack overflow on deep nesting, say),
 * which would reach the operator as a crash instead of a message. Seeds:
 * {@code ConfigLoaderFuzzTestInputs/} (the examples, every provider, hostile files).
 */
class ConfigLoaderFuzzTest {

    /** The variables the seeds name, as {@code ExamplesTest} sets them. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
        "HOOKGATE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
        "STRIPE_WEBHOOK_SECRET", "whsec_stripe_example",
        "GITHUB_WEBHOOK_SECRET", "github-example",
        "TWILIO_AUTH_TOKEN", "twilio-example",
        "KAFKA_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
        "BILLING_HOOK_URL", "https://billing.example.com/hooks",
        "BILLING_HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "HOOKGATE_ADMIN_TOKEN", "an-admin-token-of-some-length");

    private static final ConfigLoader LOADER = new ConfigLoader(Providers.builtIn(), ENVIRONMENT::get);

    @FuzzTest
    void parseLoadsOrReportsEveryProblem(final byte[] data) {
        final HookgateConfig config;
        try {
            config = LOADER.parse(new String(data, StandardCharsets.UTF_8));
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem.path()).isNotNull();
                assertThat(problem.message()).isNotBlank();
            });
            return;
        }
        assertThat(config.sources()).isNotEmpty();
        // Every part binds the sources at start: a configuration that loads must bind.
        assertThat(Providers.builtIn().bind(config)).isNotNull();
    }
}
