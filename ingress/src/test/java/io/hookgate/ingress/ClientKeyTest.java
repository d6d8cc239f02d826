package io.hookgate.ingress;

import io.hookgate.core.net.IpLiteral;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "203.0.113.7;203.0.113.7", "127.0.0.1;127.0.0.1",
        "::ffff:203.0.113.7;203.0.113.7",
        "2001:db8:1:2:3:4:5:6;2001:db8:1:2:0:0:0:0/64", "2001:db8:1:2::;2001:db8:1:2:0:0:0:0/64",
        "2001:db8:1:2:ffff:ffff:ffff:ffff;2001:db8:1:2:0:0:0:0/64", "::1;0:0:0:0:0:0:0:0/64",
        "fe80::1;fe80:0:0:0:0:0:0:0/64", "2001:db8:1:3::1;2001:db8:1:3:0:0:0:0/64"})
    void ipv4ByAddressIpv6ByItsSlash64(final String address, final String key) {
        assertThat(ClientKey.of(IpLiteral.parse(address).orElseThrow())).isEqualTo(key);
    }
}
