package io.hookgate.core.thread;

import java.util.concurrent.ThreadFactory;

/** Threads for the parts' timers: named after their job, and never keeping the JVM alive on their own. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(final String name) {
        return runnable -> {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
