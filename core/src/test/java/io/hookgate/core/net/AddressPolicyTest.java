package io.hookgate.core.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.1", "2130706433", "0x7f.1", "0177.0.0.1", "0x7f000001", "017700000001", "127.0.1",
        "0.0.0.0", "0", "[::]", "::", "[::1]", "::1", "[::ffff:127.0.0.1]", "::ffff:7f00:1",
        "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.254",
        "169.254.169.254", "169.254.0.1", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
        "[fc00::1]", "fd00:ec2::254", "[fe80::1]", "ff02::1", "fec0::1",
        "::127.0.0.1", "::10.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:a9fe:a9fe::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2", "100.100.100.200"})
    void refusesEverySpellingOfANonPublicAddress(final String host) {
        final InetAddress address = IpLiteral.parse(host).orElseThrow();
        assertThat(AddressPolicy.refusal(address)).as(host).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "[2606:4700:4700::1111]", "2a00:1450:4001:82b::200e",
        "64:ff9b::808:808", "2002:808:808::1", "172.32.0.1", "100.128.0.1", "11.0.0.1"})
    void acceptsPublicAddresses(final String host) {
        final InetAddress address = IpLiteral.parse(host).orElseThrow();
        assertThat(AddressPolicy.refusal(address)).as(host).isEmpty();
    }
}
