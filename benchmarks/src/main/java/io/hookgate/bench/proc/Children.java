package io.hookgate.bench.proc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The processes of one benchmark run. Closing stops those still running, newest first (a part
 * before its broker); a JVM shutdown hook does the same on Ctrl-C, so no child outlives the run.
 */
public final class Children implements AutoCloseable {

    private final BenchHome home;
    private final Deque<ChildProcess> running = new ArrayDeque<>();
    private final Thread hook = new Thread(this::stopAll, "stop-benchmark-children");

    public Children(final BenchHome home) {
        this.home = home;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code command} as {@code name}, logged to {@code <work dir>/<name>.log}. */
    public synchronized ChildProcess start(final String name, final List<String> command) {
        final ChildProcess child = ChildProcess.start(name, command, home.workDir().resolve(name + ".log"));
        running.push(child);
        return child;
    }

    /** Stops {@code child} now. */
    public void stop(final ChildProcess child) {
        synchronized (this) {
            running.remove(child);
        }
        child.close();
    }

    private void stopAll() {
        while (true) {
            final ChildProcess child;
            synchronized (this) {
                child = running.poll();
            }
            if (child == null) {
                return;
            }
            child.close();
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running.
        }
    }
}
