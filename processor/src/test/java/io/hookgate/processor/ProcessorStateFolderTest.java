package io.hookgate.processor;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two processors on one host (hookgate processor beside hookgate dev) never open the same RocksDB folders. */
class ProcessorStateFolderTest {

    private static final String CONFIG = """
        admin: {port: %d}
        processor: {stateDir: /var/lib/hookgate/streams}
        sources:
          demo: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}
        """;

    @Test
    void eachProcessKeepsItsStateInAFolderNamedAfterItsPort() {
        final Object dev = stateDir(8081);
        final Object second = stateDir(8091);

        assertThat(dev).isEqualTo(Path.of("/var/lib/hookgate/streams", "port-8081").toString());
        assertThat(second).isEqualTo(Path.of("/var/lib/hookgate/streams", "port-8091").toString());
    }

    @Test
    void aPortChosenAtStartKeepsTheConfiguredFolder() {
        assertThat(stateDir(0)).isEqualTo(Path.of("/var/lib/hookgate/streams").toString());
    }

    private static Object stateDir(final int port) {
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(CONFIG.formatted(port));
        return ProcessorService.streamsConfig(config, new SimpleMeterRegistry()).get(StreamsConfig.STATE_DIR_CONFIG);
    }
}
