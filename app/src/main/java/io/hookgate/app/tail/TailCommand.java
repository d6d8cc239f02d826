package io.hookgate.app.tail;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ConfigOption;
import io.hookgate.app.cli.TimeArgument;
import io.hookgate.core.config.HookgateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code hookgate tail}: a line per step of every webhook of a running gateway, read from its Kafka topics. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Print a line for each step of every webhook a running gateway handles: received, verified or rejected "
        + "(with the reason), duplicate, delivered (status, ms), retried (tier), dead-lettered.",
        "Reads the gateway's topics (kafka.bootstrapServers of --config) read_committed; leaves nothing behind in Kafka."})
public final class TailCommand implements Callable<Integer> {

    /** How long to wait for the broker at start. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    /** Colours of the lines. */
    enum Colour { auto, always, never }

    @Mixin
    private ConfigOption config;

    @Option(names = "--source", description = "Only this source's webhooks.")
    private String source;

    @Option(names = "--since", paramLabel = "TIME", description = "Start this far back instead of now: " + TimeArgument.FORMS + ".")
    private String since;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N lines (default: run until Ctrl-C).")
    private int count;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
        description = "auto (on a terminal, unless NO_COLOR is set), always or never.")
    private Colour colour;

    @Override
    public Integer call() throws InterruptedException {
        final HookgateConfig loaded = config.load();
        if (source != null && loaded.source(source).isEmpty()) {
            throw CliFailure.usage("--source " + source + ": no such source in " + config.file() + " (sources: "
                + String.join(", ", loaded.sources().keySet()) + ")");
        }
        if (count < 0) {
            throw CliFailure.usage("--count must be at least 1");
        }
        final LinePrinter printer = new LinePrinter(System.out, colour == Colour.always
            || colour == Colour.auto && LinePrinter.terminal(System.getenv("NO_COLOR")));
        final LiveFeed feed = new LiveFeed(loaded);
        try {
            feed.start(TimeArgument.parse("--since", since, Clock.systemUTC()), REACH_TIMEOUT, loaded.kafka().bootstrapServers());
        } catch (IllegalStateException e) {
            throw new CliFailure(io.hookgate.app.cli.ExitCodes.UNAVAILABLE, e.getMessage() + " (kafka.bootstrapServers of "
                + config.file() + ")", e);
        }
        final CountDownLatch ended = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        final Thread stopper = new Thread(() -> {
            stopping.set(true);
            feed.close();
            awaitQuietly(ended);
        }, "hookgate-tail-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        final AtomicInteger printed = new AtomicInteger();
        try {
            feed.run(line -> {
                if (source == null || source.equals(line.source())) {
                    printer.print(line);
                    if (count > 0 && printed.incrementAndGet() >= count) {
                        feed.close();
                    }
                }
            });
        } finally {
            ended.countDown();
        }
        if (!stopping.get()) {
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        return 0;
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
