package io.hookgate.app.sign;

import io.hookgate.app.cli.ConfigOption;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code hookgate sign}: prints a {@code curl} that sends a correctly signed webhook to a source. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Print a curl command sending a webhook signed the way the source's provider signs it.")
public final class SignCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--source", required = true, description = "Source id to sign for.")
    private String source;

    @Option(names = "--body", paramLabel = "FILE", description = "Body to send (default: a sample event).")
    private Path body;

    @Option(names = "--url", description = "Ingress base URL (default: http://127.0.0.1:<ingress.port>).")
    private String url;

    @Override
    public Integer call() throws IOException {
        final HookgateConfig loaded = config.load();
        if (loaded.source(source).isEmpty()) {
            System.err.println("hookgate sign: no source '" + source + "' in " + config.file() + " (sources: "
                + String.join(", ", loaded.sources().keySet()) + ")");
            return 2;
        }
        System.out.println(curl(loaded, source, body == null ? null : Files.readAllBytes(body),
            body == null ? null : body.toString(), url, Clock.systemUTC()));
        return 0;
    }

    /** The signed curl for {@code sourceId}, with {@code bytes} or the provider's sample body. */
    public static String curl(final HookgateConfig config, final String sourceId, final byte[] bytes, final String bodyFile,
                              final String baseUrl, final Clock clock) {
        final SourceScheme scheme = Providers.builtIn().bind(config).forSource(sourceId).orElseThrow();
        final Instant now = clock.instant();
        final SignedRequest signed = scheme.sign(bytes == null ? scheme.sampleBody(now) : bytes, now);
        final String base = baseUrl != null ? baseUrl.replaceAll("/+$", "")
            : "http://127.0.0.1:" + config.ingress().port();
        return CurlCommand.of(base + "/webhooks/" + sourceId, signed, bodyFile);
    }
}
