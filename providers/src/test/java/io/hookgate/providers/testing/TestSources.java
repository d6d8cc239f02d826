package io.hookgate.providers.testing;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;

import java.time.Instant;
import java.util.Map;

/** Sources for tests, read through the real configuration loader so they are validated as in production. */
public final class TestSources {

    private TestSources() {
    }

    /** The source {@code id} defined by the YAML mapping {@code body} (the keys of one source, flow style). */
    public static SourceConfig source(final String id, final String body) {
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get)
            .parse("sources:\n  " + id + ": " + body + "\n");
        return config.sources().get(id);
    }

    public static SourceScheme scheme(final String id, final String body) {
        final SourceConfig source = source(id, body);
        return Providers.builtIn().find(source.provider()).orElseThrow().bind(source);
    }

    /** A raw request of {@code source} received at {@code receivedAt}. */
    public static RawRequest request(final String source, final Instant receivedAt, final HttpHeaders headers, final byte[] body) {
        return new RawRequest("ing-1", source, receivedAt, "203.0.113.9", "POST", "", headers, body);
    }

    /** The raw request a signed request becomes once received at {@code receivedAt}. */
    public static RawRequest received(final String source, final Instant receivedAt, final SignedRequest signed) {
        return new RawRequest("ing-1", source, receivedAt, "203.0.113.9", "POST", signed.query(), signed.headers(), signed.body());
    }
}
