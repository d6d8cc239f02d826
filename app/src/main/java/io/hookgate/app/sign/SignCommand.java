package io.hookgate.app.sign;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ConfigOption;
import io.hookgate.core.text.DidYouMean;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.spi.SignedRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hookgate sign}: prints a {@code curl} that sends a correctly signed webhook to a source. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Print a curl command sending a webhook signed the way the source's provider signs it (or, with --send, send it).",
        "Without --body, a sample event of the provider: --type names one of its samples (a wrong one lists them)."})
public final class SignCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--source", required = true, description = "Source id to sign for.")
    private String source;

    @Option(names = "--body", paramLabel = "FILE", description = "Body to send, - for standard input (default: a sample event).")
    private String body;

    @Option(names = "--type", description = "The provider's sample event of this type (default: its first sample).")
    private String type;

    @Option(names = "--send", description = "Send it to the ingress and print its answer, instead of printing a curl.")
    private boolean send;

    @Option(names = "--url", description = "Ingress base URL (default: http://127.0.0.1:<ingress.port>).")
    private String url;

    @Override
    public Integer call() {
        final HookgateConfig loaded = config.load();
        requireSource(loaded, source, config);
        final byte[] bytes = body == null ? null : BodyArgument.read(body, System.in);
        final SignedRequest signed = Signing.request(loaded, source, type, bytes, Clock.systemUTC().instant());
        final String target = Signing.url(loaded, source, url);
        if (send) {
            final IngressPost.Answer answer = IngressPost.send(target, signed);
            System.out.println("sent to " + target + ": " + answer.status() + " " + answer.body());
        } else {
            System.out.println(CurlCommand.of(target, signed, body == null || BodyArgument.STDIN.equals(body) ? null : body));
        }
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
        final SignedRequest signed = Signing.request(config, sourceId, null, bytes, clock.instant());
        return CurlCommand.of(Signing.url(config, sourceId, baseUrl), signed, bodyFile);
    }
}
