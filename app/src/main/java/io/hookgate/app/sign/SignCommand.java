package io.hookgate.app.sign;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ConfigOption;
import io.hookgate.core.text.DidYouMean;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--body", paramLabel = "FILE", description = "Body to send, - for standard input (default: a sample event).")
    private String body;

    @Option(names = "--url", description = "Ingress base URL (default: http://127.0.0.1:<ingress.port>).")
    private String url;

    @Override
    public Integer call() {
        final HookgateConfig loaded = config.load();
        requireSource(loaded, source, config);
        final byte[] bytes = body == null ? null : BodyArgument.read(body, System.in);
        System.out.println(curl(loaded, source, bytes, body == null || BodyArgument.STDIN.equals(body) ? null : body, url,
            Clock.systemUTC()));
        return 0;
    }

    /** @throws CliFailure naming the configured sources (the nearest first) when {@code id} is not one */
    static void requireSource(final HookgateConfig loaded, final String id, final ConfigOption config) {
        if (loaded.source(id).isEmpty()) {
            throw CliFailure.usage("no source '" + id + "' in " + config.file()
                + DidYouMean.nearest(id, loaded.sources().keySet()).map(best -> "; did you mean '" + best + "'?").orElse("")
                + " (sources: " + String.join(", ", loaded.sources().keySet()) + ")");
        }
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
