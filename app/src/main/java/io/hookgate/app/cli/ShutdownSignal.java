package io.hookgate.app.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a command does when the JVM is asked to stop (Ctrl-C, SIGTERM): {@link #awaitThen} blocks
 * the main thread until then and runs a stop; {@link #runUntilStopped} runs work on the main thread
 * that the stop ends, and lets that work finish what it does last before the JVM exits.
 */
public final class ShutdownSignal {

    private ShutdownSignal() {
    }

    /** Blocks this thread until the JVM is asked to stop, after running {@code onStop}. */
    public static void awaitThen(final Runnable onStop) {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                onStop.run();
            } finally {
                stopped.countDown();
            }
        }, "hookgate-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code work} on this thread until it ends by itself or the JVM is asked to stop. Asked to
     * stop, the shutdown hook runs {@code stop}, which must make {@code work} end, and waits up to
     * {@code grace} for it to end, so that what {@code work} does last (in its {@code finally}: a
     * clean-up, a last line) is done before the JVM exits. Work that ends by itself leaves no hook.
     */
    public static void runUntilStopped(final Runnable work, final Runnable stop, final Duration grace) {
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicBoolean stopping = new AtomicBoolean();
        final Thread hook = new Thread(() -> {
            stopping.set(true);
            stop.run();
            try {
                ended.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hookgate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            work.run();
        } finally {
            ended.countDown();
            if (!stopping.get()) {
                forget(hook);
            }
        }
    }

    /** Removes {@code hook}; false when the JVM began to stop meanwhile (the hook then runs, finds the work ended and returns). */
    private static boolean forget(final Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            return false;
        }
    }
}
