package io.hookgate.app.testing;

import io.hookgate.app.run.Gateway;
import io.hookgate.app.run.Part;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Gateways for integration tests: every part, started from a YAML text, ready once the processor runs. */
public final class Gateways {

    private Gateways() {
    }

    public static HookgateConfig config(final String yaml) {
        return new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(yaml);
    }

    /** Starts every part of {@code config} (the admin part when it has a token) and waits until the processor is RUNNING. */
    public static Gateway running(final HookgateConfig config) {
        final EnumSet<Part> parts = EnumSet.allOf(Part.class);
        if (config.admin().token().isEmpty()) {
            parts.remove(Part.ADMIN);
        }
        final Gateway gateway = new Gateway(config, parts, Clock.systemUTC());
        gateway.start();
        await().atMost(Duration.ofSeconds(60)).until(gateway::processorRunning);
        return gateway;
    }

    /** Closes each of {@code closeables} that is set, in order. */
    public static void closeAll(final AutoCloseable... closeables) throws Exception {
        for (AutoCloseable closeable : closeables) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }
}
