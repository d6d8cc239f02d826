package io.hookgate.admin.api;

import io.hookgate.core.config.TenantToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bearer token names the caller: the operator, a tenant, or nobody. */
class BearerAuthTest {

    final BearerAuth auth = new BearerAuth("operator-token-000000000001", List.of(
        new TenantToken("acme-tenant-token-0000000001", "acme"), new TenantToken("beta-tenant-token-0000000001", "beta")));

    @Test
    void eachTokenNamesItsCaller() {
        assertThat(auth.caller("Bearer operator-token-000000000001")).contains(Caller.operator());
        assertThat(auth.caller("bearer  acme-tenant-token-0000000001 ")).contains(Caller.ofTenant("acme"));
        assertThat(auth.caller("BEARER beta-tenant-token-0000000001")).contains(Caller.ofTenant("beta"));
    }

    @Test
    void anythingElseNamesNobody() {
        assertThat(auth.caller(null)).isEmpty();
        assertThat(auth.caller("")).isEmpty();
        assertThat(auth.caller("Basic b3BlcmF0b3I6dG9rZW4=")).isEmpty();
        assertThat(auth.caller("Bearer operator-token-000000000002")).isEmpty();
        assertThat(auth.caller("Bearer acme")).isEmpty();
        assertThat(auth.caller("Bearer")).isEmpty();
    }

    @Test
    void oneTokenGivenTwiceIsRefusedAtStart() {
        assertThatThrownBy(() -> new BearerAuth("operator-token-000000000001",
            List.of(new TenantToken("operator-token-000000000001", "acme")))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("tenant acme").hasMessageNotContaining("operator-token");
        assertThatThrownBy(() -> new BearerAuth("operator-token-000000000001", List.of(new TenantToken("same-token-00000000001", "a"),
            new TenantToken("same-token-00000000001", "b")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callersSeeWhatTheirTenantOwns() {
        assertThat(Caller.operator().sees(java.util.Optional.empty())).isTrue();
        assertThat(Caller.operator().sees(java.util.Optional.of("acme"))).isTrue();
        assertThat(Caller.ofTenant("acme").sees(java.util.Optional.of("acme"))).isTrue();
        assertThat(Caller.ofTenant("acme").sees(java.util.Optional.of("beta"))).isFalse();
        assertThat(Caller.ofTenant("acme").sees(java.util.Optional.empty())).isFalse();
    }
}
