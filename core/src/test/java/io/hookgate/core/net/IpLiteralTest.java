package io.hookgate.core.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({"127.1,127.0.0.1", "2130706433,127.0.0.1", "0x7f.1,127.0.0.1", "0177.0.0.1,127.0.0.1",
        "10.1.2,10.1.0.2", "0x0A.0x0.0.01,10.0.0.1", "1.2.3.4,1.2.3.4", "[::1],0:0:0:0:0:0:0:1",
        "::ffff:10.0.0.1,10.0.0.1"})
    void readsEverySpelling(final String host, final String canonical) {
        assertThat(IpLiteral.parse(host)).get().extracting(java.net.InetAddress::getHostAddress).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "1.2.3.4.5", "256.1.1.1", "08.1.1.1", "1..2", "", "0x", "abc::g"})
    void namesAndInvalidNumbersAreNotLiterals(final String host) {
        if ("0x".equals(host)) {
            // inet_aton reads a bare 0x as 0: a literal, not a name.
            assertThat(IpLiteral.parse(host)).isPresent();
        } else {
            assertThat(IpLiteral.parse(host)).as(host).isEmpty();
        }
    }
}
