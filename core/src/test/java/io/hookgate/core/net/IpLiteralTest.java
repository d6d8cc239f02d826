package io.hookgate.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "::1;0:0:0:0:0:0:0:1", "::;0:0:0:0:0:0:0:0", "[::];0:0:0:0:0:0:0:0", "1::;1:0:0:0:0:0:0:0",
        "2001:db8::8:800:200c:417a;2001:db8:0:0:8:800:200c:417a", "FE80::ABCD;fe80:0:0:0:0:0:0:abcd",
        "1:2:3:4:5:6:7:8;1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::;1:2:3:4:5:6:7:0", "::2:3:4:5:6:7:8;0:2:3:4:5:6:7:8",
        "0001:0002:0003:0004:0005:0006:0007:0008;1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:1.2.3.4;1:2:3:4:5:6:102:304", "::1.2.3.4;0:0:0:0:0:0:102:304", "64:ff9b::10.0.0.1;64:ff9b:0:0:0:0:a00:1",
        "[::ffff:127.0.0.1];127.0.0.1", "::ffff:7f00:1;127.0.0.1", "0:0:0:0:0:ffff:10.1.2.3;10.1.2.3"})
    void readsIpv6AsRfc4291WritesIt(final String host, final String canonical) {
        assertThat(IpLiteral.parse(host)).as(host).get().extracting(InetAddress::getHostAddress).isEqualTo(canonical);
    }

    @Test
    void ipv4MappedIpv6IsAnsweredAsIpv4AndTheRestAsIpv6() {
        assertThat(IpLiteral.parse("[::ffff:127.0.0.1]")).get().isInstanceOf(Inet4Address.class);
        assertThat(IpLiteral.parse("::127.0.0.1")).get().isInstanceOf(Inet6Address.class);
        assertThat(IpLiteral.parse("::1")).get().isInstanceOf(Inet6Address.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {".:ab", "1::2::3", "fe80::1%eth0", "fe80::1%25eth0", "fe80::1%1", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:", "1:::2", ":::",
        ":", "1:", ":1", "12345::1", "g::1", "::1 ", " ::1", "::1\n", "[::1", "::1]", "[[::1]]", "[1.2.3.4]", "[127.1]",
        "::ffff:127.1", "::ffff:127.0.0.01", "::ffff:256.0.0.1", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "::1.2.3.4:5",
        "1:2:3:4:5:6:7:1.2.3.4", "::ffff:0x7f.0.0.1", "::ab.1.2.3", "1.2.3.4::", "::\u0661", "\uff11::1",
        "localhost:80", "example.com:443", "a:b:c:d:e:f:a:b:c", "::%eth0", "[]", "[:]",
        "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb"})
    void refusesEveryOtherTextWithAColon(final String host) {
        assertThat(IpLiteral.parse(host)).as("'%s'", host).isEmpty();
    }

    /**
     * The regression: with a hosts entry for the name {@code .:ab}, {@code InetAddress.getByName}
     * answers its address, because a text not starting with a hex digit or ':' is looked up. The
     * JDK reads {@code jdk.net.hosts.file} once per JVM, hence a child JVM.
     */
    @Test
    void neverConsultsTheHostsFileOrDns(@TempDir final Path dir) throws Exception {
        final Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "10.9.8.7 .:ab\n10.9.8.6 ::zz\n10.9.8.5 example.invalid\n", StandardCharsets.US_ASCII);
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"), IpLiteralProbe.class.getName(),
            ".:ab", "::zz", "example.invalid", "::1"));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        // The JDK does resolve these through the hosts file: the probe is live.
        assertThat(output).contains("jdk .:ab 10.9.8.7", "jdk example.invalid 10.9.8.5");
        assertThat(output).contains("literal .:ab none", "literal ::zz none", "literal example.invalid none",
            "literal ::1 0:0:0:0:0:0:0:1");
    }
}
