package io.hookgate.ingress;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import io.hookgate.core.net.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
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
            assertThat(limits.check("free", ip("10.0.0.1"))).isEmpty();
        }
        assertThat(limits.check("free", ip("10.0.0.1"))).isPresent();
        assertThat(limits.check("free", ip("10.0.0.2"))).as("another client").isEmpty();
        assertThat(limits.check("limited", ip("10.0.0.3"))).isEmpty();
        assertThat(limits.check("limited", ip("10.0.0.4"))).isEmpty();
        assertThat(limits.check("limited", ip("10.0.0.5"))).isEmpty();
        assertThat(limits.check("limited", ip("10.0.0.6"))).isEmpty();
        assertThat(limits.check("limited", ip("10.0.0.7"))).isEmpty();
        assertThat(limits.check("limited", ip("10.0.0.8"))).as("the source's 5 per second are spent").isPresent()
            .get().satisfies(wait -> assertThat(wait.toMillis()).isBetween(1L, 1000L));
    }

    @Test
    void aTenantsLimitIsSharedByAllItsSourcesAndNoOtherTenant() {
        final RateLimits limits = new RateLimits(new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            tenants: {acme: {rateLimitPerSecond: 4}}
            sources:
              shop: {provider: standard-webhooks, tenant: acme}
              crm: {provider: standard-webhooks, tenant: acme}
              other: {provider: standard-webhooks, tenant: globex}
              free: {provider: standard-webhooks}
            """));
        for (int i = 0; i < 2; i++) {
            assertThat(limits.check("shop", ip("10.0.1." + i))).isEmpty();
            assertThat(limits.check("crm", ip("10.0.2." + i))).isEmpty();
        }
        assertThat(limits.check("shop", ip("10.0.1.9"))).as("acme's 4 per second are spent, by both sources").isPresent();
        assertThat(limits.check("crm", ip("10.0.2.9"))).isPresent();
        for (int i = 0; i < 10; i++) {
            assertThat(limits.check("other", ip("10.0.3." + i))).as("a tenant without a limit").isEmpty();
            assertThat(limits.check("free", ip("10.0.4." + i))).as("a source of no tenant").isEmpty();
        }
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64SoRotatingWithinItDoesNotEscape() {
        final RateLimits limits = new RateLimits(config);
        assertThat(limits.check("free", ip("2001:db8:1:2::1"))).isEmpty();
        assertThat(limits.check("free", ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isEmpty();
        assertThat(limits.check("free", ip("2001:db8:1:2:dead:beef:0:7"))).isEmpty();
        assertThat(limits.check("free", ip("2001:db8:1:2:1234::99"))).as("the /64's 3 per second are spent").isPresent();
        assertThat(limits.check("free", ip("2001:db8:1:3::1"))).as("the next /64 is another client").isEmpty();
    }

    @Test
    void anIpv4MappedClientSharesTheBucketOfItsIpv4Address() throws Exception {
        final RateLimits limits = new RateLimits(config);
        final byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 0, 0, 9};
        // Built from bytes, an Inet6Address keeps the mapped form that a parsed literal would lose.
        final InetAddress mappedV6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(limits.check("free", ip("10.0.0.9"))).isEmpty();
        assertThat(limits.check("free", mappedV6)).isEmpty();
        assertThat(limits.check("free", ip("::ffff:10.0.0.9"))).isEmpty();
        assertThat(limits.check("free", mappedV6)).isPresent();
    }

    private static InetAddress ip(final String text) {
        return IpLiteral.parse(text).orElseThrow();
    }
}
