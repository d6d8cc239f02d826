package io.hookgate.app.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks the main thread until the JVM is asked to stop (Ctrl-C, SIGTERM), after running {@code onStop}. */
public final class ShutdownSignal {

    private ShutdownSignal() {
    }

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
}
