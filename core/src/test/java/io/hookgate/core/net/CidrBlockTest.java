package io.hookgate.core.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrBlockTest {

    @Test
    void matchesAddressesInsideTheBlockOnly() {
        final CidrBlock block = CidrBlock.parse("3.18.12.0/24");
        assertThat(block.contains(IpLiteral.parse("3.18.12.63").orElseThrow())).isTrue();
        assertThat(block.contains(IpLiteral.parse("3.18.13.1").orElseThrow())).isFalse();
        assertThat(block.contains(IpLiteral.parse("::ffff:3.18.12.1").orElseThrow())).isTrue();
        assertThat(block.contains(IpLiteral.parse("2001:db8::1").orElseThrow())).isFalse();
    }

    @Test
    void ipv6BlocksAndSingleAddresses() {
        assertThat(CidrBlock.parse("2001:db8::/32").contains(IpLiteral.parse("2001:db8:ffff::1").orElseThrow())).isTrue();
        assertThat(CidrBlock.parse("2001:db8::/32").contains(IpLiteral.parse("2001:db9::1").orElseThrow())).isFalse();
        assertThat(CidrBlock.parse("10.0.0.1").contains(IpLiteral.parse("10.0.0.1").orElseThrow())).isTrue();
        assertThat(CidrBlock.parse("10.0.0.1").contains(IpLiteral.parse("10.0.0.2").orElseThrow())).isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains(IpLiteral.parse("8.8.8.8").orElseThrow())).isTrue();
    }

    @Test
    void rejectsMalformedBlocks() {
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> CidrBlock.parse("example.com/8")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    }
}
