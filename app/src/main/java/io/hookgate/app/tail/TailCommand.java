package io.hookgate.app.tail;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ConfigOption;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.ShutdownSignal;
import io.hookgate.app.cli.TimeArgument;
import io.hookgate.core.config.HookgateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code hookgate tail}: a line per step of every webhook of a running gateway, read from its Kafka topics. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Print a line for each step of every webhook a running gateway handles: received, verified or rejected "
        + "(with the reason), duplicate, delivered (status, ms), retried (tier), dead-lettered.",
        "Reads the gateway's topics (kafka.bootstrapServers of --config) read_committed; leaves nothing behind in Kafka."})
public final class TailCommand implements Callable<Integer> {

    /** How long to wait for the broker at start. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stop waits for the feed to end. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    @Mixin
    private ConfigOption config;

    @Option(names = "--source", description = "Only this source's webhooks.")
    private String source;

    @Option(names = "--since", paramLabel = "TIME", description = "Start this far back instead of now: " + TimeArgument.FORMS + ".")
    private String since;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N lines (default: run until Ctrl-C).")
    private int count;

    @Mixin
    private ColourOption colour;

    @Override
    public Integer call() {
        final HookgateConfig loaded = config.load();
        if (source != null && loaded.source(source).isEmpty()) {
            throw CliFailure.usage("--source " + source + ": no such source in " + config.file() + " (sources: "
                + String.join(", ", loaded.sources().keySet()) + ")");
        }
        if (count < 0) {
            throw CliFailure.usage("--count must be at least 1");
        }
        final LinePrinter printer = colour.printer(System.out);
        final LiveFeed<LiveLine> feed = LiveFeed.everything(loaded);
        try {
            feed.start(TimeArgument.parse("--since", since, Clock.systemUTC()), REACH_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, e.getMessage() + " (kafka.bootstrapServers of " + config.file() + ")", e);
        }
        final AtomicInteger printed = new AtomicInteger();
        ShutdownSignal.runUntilStopped(() -> feed.run(line -> {
            if (source == null || source.equals(line.source())) {
                printer.print(line);
                if (count > 0 && printed.incrementAndGet() >= count) {
                    feed.close();
                }
            }
        }), feed::close, STOP_GRACE);
        return ExitCodes.OK;
    }
}
