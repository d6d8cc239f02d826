package io.hookgate.ingress;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentsTest {

    @Test
    void noPatternsAllowEveryRequest() {
        assertThat(UserAgents.of(List.of()).allows(List.of())).isTrue();
        assertThat(UserAgents.of(List.of()).allows(List.of("anything"))).isTrue();
    }

    @Test
    void aPatternIsExactOrHasWildcards() {
        final UserAgents agents = UserAgents.of(List.of("GitHub-Hookshot/*", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"));
        assertThat(agents.allows(List.of("GitHub-Hookshot/044aadd"))).isTrue();
        assertThat(agents.allows(List.of("GitHub-Hookshot/"))).isTrue();
        assertThat(agents.allows(List.of("Stripe/1.0 (+https://stripe.com/docs/webhooks)"))).isTrue();
        // Case-sensitive, anchored at both ends; the pattern's dots and brackets are no regular expression.
        assertThat(agents.allows(List.of("github-hookshot/044aadd"))).isFalse();
        assertThat(agents.allows(List.of("x GitHub-Hookshot/1"))).isFalse();
        assertThat(agents.allows(List.of("Stripe/1.0 (+https://stripe.com/docs/webhooks) extra"))).isFalse();
        assertThat(agents.allows(List.of("Stripe/1x0 (+https://stripe.com/docs/webhooks)"))).isFalse();
    }

    @Test
    void withPatternsAMissingOrRepeatedUserAgentIsRefused() {
        final UserAgents agents = UserAgents.of(List.of("Svix-Webhooks/*"));
        assertThat(agents.allows(List.of())).isFalse();
        assertThat(agents.allows(List.of("Svix-Webhooks/1.0", "Svix-Webhooks/1.0"))).isFalse();
    }

    @Test
    void wildcardsAnywhere() {
        assertThat(UserAgents.matches("*Hookshot*", "GitHub-Hookshot/1")).isTrue();
        assertThat(UserAgents.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(UserAgents.matches("a*b*c", "aXXbYY")).isFalse();
        assertThat(UserAgents.matches("a**", "a")).isTrue();
        assertThat(UserAgents.matches("*.1", "v1.1")).isTrue();
    }

    @Test
    void aHostileHeaderCannotMakeMatchingSlow() {
        final String header = "a".repeat(16_000);
        final long started = System.nanoTime();
        assertThat(UserAgents.matches("*a*a*a*a*a*a*a*a*a*a*b", header)).isFalse();
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }
}
