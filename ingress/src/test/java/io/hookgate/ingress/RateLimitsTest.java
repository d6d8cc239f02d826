package io.hookgate.ingress;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitsTest {

    private final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
        ingress: {rateLimitPerClientIpPerSecond: 3}
        sources:
          limited: {provider: standard-webhooks, rateLimitPerSecond: 5}
          free: {provider: standard-webhooks}
        """);

    @Test
    void eachClientAddressHasItsOwnBucketAndTheSourceItsOwn() {
        final RateLimits limits = new RateLimits(config);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.check("free", "10.0.0.1")).isEmpty();
        }
        assertThat(limits.check("free", "10.0.0.1")).isPresent();
        assertThat(limits.check("free", "10.0.0.2")).as("another client").isEmpty();
        assertThat(limits.check("limited", "10.0.0.3")).isEmpty();
        assertThat(limits.check("limited", "10.0.0.4")).isEmpty();
        assertThat(limits.check("limited", "10.0.0.5")).isEmpty();
        assertThat(limits.check("limited", "10.0.0.6")).isEmpty();
        assertThat(limits.check("limited", "10.0.0.7")).isEmpty();
        assertThat(limits.check("limited", "10.0.0.8")).as("the source's 5 per second are spent").isPresent()
            .get().satisfies(wait -> assertThat(wait.toMillis()).isBetween(1L, 1000L));
    }
}
