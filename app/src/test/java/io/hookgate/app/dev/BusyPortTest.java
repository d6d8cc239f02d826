package io.hookgate.app.dev;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.ingress.IngressServer;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A busy port is a clear start-up error naming the port, never a half-started gateway. */
class BusyPortTest {

    @Test
    void devBrokerNamesTheBusyBrokerPort(@TempDir final Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final DevBroker broker = new DevBroker(dir, taken.getLocalPort(), freePort());
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + taken.getLocalPort() + " (Kafka broker) is already in use");
        }
    }

    @Test
    void devBrokerNamesTheBusyControllerPort(@TempDir final Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final DevBroker broker = new DevBroker(dir, freePort(), taken.getLocalPort());
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + taken.getLocalPort() + " (Kafka controller) is already in use");
        }
    }

    @Test
    void ingressNamesItsBusyPort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
                kafka: {bootstrapServers: "127.0.0.1:1"}
                ingress: {host: 127.0.0.1, port: %d}
                sources:
                  demo: {provider: standard-webhooks}
                """.formatted(taken.getLocalPort()));
            final IngressServer ingress = new IngressServer(config, Providers.builtIn().bind(config), new SimpleMeterRegistry(),
                Clock.systemUTC());
            assertThatThrownBy(ingress::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("in use");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
