package io.hookgate.app.tail;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.time.Ticker;

import java.io.PrintStream;
import java.time.Instant;

/** The live lines of a gateway printed on a thread of their own, as dev mode shows them below its banner, until closed. */
public final class LiveView implements AutoCloseable {

    private final LiveFeed<LiveLine> feed;
    private final Thread thread;

    private LiveView(final LiveFeed<LiveLine> feed, final Thread thread) {
        this.feed = feed;
        this.thread = thread;
    }

    /**
     * Starts following {@code config}'s gateway from now on, printing to {@code out} (coloured on a terminal) at most
     * {@code linesPerSecond} lines a second (0: every line), and a line saying how many more there were.
     */
    public static LiveView start(final HookgateConfig config, final PrintStream out, final int linesPerSecond) {
        final LineBudget budget = new LineBudget(linesPerSecond, Ticker.SYSTEM);
        final LiveFeed<LiveLine> feed = LiveFeed.everything(config, budget);
        feed.start(null, TailCommand.REACH_TIMEOUT);
        final LinePrinter printer = new LinePrinter(out, LinePrinter.terminal(System.getenv("NO_COLOR")));
        final Thread thread = new Thread(() -> feed.run(printer::print,
            () -> budget.summary().ifPresent(summary -> printer.note(Instant.now(), summary))), "hookgate-live");
        thread.setDaemon(true);
        thread.start();
        return new LiveView(feed, thread);
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
        thread.join(10_000);
    }
}
