package io.hookgate.app.sign;

import io.hookgate.app.cli.ConfigOption;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.SignedRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hookgate trigger SOURCE [TYPE]}: sends a correctly signed sample event of the source's provider to the running ingress. */
@Command(name = "trigger", mixinStandardHelpOptions = true,
    description = {"Send a correctly signed sample event of the source's provider (its headers set as the provider sets them) "
        + "to the running gateway's ingress, and print what the ingress answered.",
        "Each trigger is a new event (a fresh event id). 'hookgate trigger SOURCE --list' names the sample types."})
public final class TriggerCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Source id, as in the configuration.")
    private String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", description = "A sample type of its provider (default: the first).")
    private String type;

    @Option(names = "--list", description = "List the sample types of the source's provider; send nothing.")
    private boolean list;

    @Option(names = "--url", description = "Ingress base URL (default: http://127.0.0.1:<ingress.port>).")
    private String url;

    @Override
    public Integer call() {
        final HookgateConfig loaded = config.load();
        SignCommand.requireSource(loaded, source, config);
        if (list) {
            Providers.builtIn().bind(loaded).forSource(source).orElseThrow().sampleTypes()
                .forEach(System.out::println);
            return 0;
        }
        final java.util.List<String> types = Providers.builtIn().bind(loaded).forSource(source).orElseThrow().sampleTypes();
        final String sent = type != null ? type : types.isEmpty() ? "a sample event" : types.get(0);
        final SignedRequest signed = Signing.request(loaded, source, type, null, Clock.systemUTC().instant());
        final String target = Signing.url(loaded, source, url);
        final IngressPost.Answer answer = IngressPost.send(target, signed);
        System.out.println("sent " + sent + " to " + target + ": " + answer.status() + " " + answer.body());
        return 0;
    }
}
