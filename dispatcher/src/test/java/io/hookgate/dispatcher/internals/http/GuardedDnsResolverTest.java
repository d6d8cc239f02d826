package io.hookgate.dispatcher.internals.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedDnsResolverTest {

    /** A resolver answering what DNS rebinding would: a public-looking name pointing inside. */
    private static GuardedDnsResolver resolving(final String... addresses) {
        return new GuardedDnsResolver(new org.apache.hc.client5.http.DnsResolver() {
            @Override
            public InetAddress[] resolve(final String host) throws java.net.UnknownHostException {
                final InetAddress[] result = new InetAddress[addresses.length];
                for (int i = 0; i < addresses.length; i++) {
                    result[i] = InetAddress.getByName(addresses[i]);
                }
                return result;
            }

            @Override
            public String resolveCanonicalHostname(final String host) {
                return host;
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fd00::1", "100.64.0.1", "0.0.0.0"})
    void refusesANameThatResolvesInside(final String address) {
        assertThatThrownBy(() -> resolving(address).resolve("totally-public.example.com"))
            .isInstanceOf(RefusedAddressException.class).hasMessageContaining("totally-public.example.com refused");
    }

    @Test
    void keepsOnlyThePublicAddressesOfAMixedAnswer() throws Exception {
        final InetAddress[] allowed = resolving("10.0.0.1", "93.184.215.14").resolve("mixed.example.com");
        assertThat(allowed).extracting(InetAddress::getHostAddress).containsExactly("93.184.215.14");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.1", "0177.0.0.1", "[::ffff:127.0.0.1]", "[::1]", "::127.0.0.1",
        "64:ff9b::a9fe:a9fe", "2002:7f00:1::"})
    void refusesLiteralsInAnySpellingWithoutAskingDns(final String host) {
        assertThatThrownBy(() -> resolving("93.184.215.14").resolve(host)).isInstanceOf(RefusedAddressException.class);
    }
}
