package io.hookgate.core.time;

/**
 * A source of elapsed time in nanoseconds, for the classes that measure intervals (stall detection,
 * idle eviction, summaries every minute). Production code takes {@link #SYSTEM}; a test passes a
 * ticker it moves by hand, so no unit test sleeps. Only differences between two readings mean
 * anything, as with {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

    /** The JVM's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    /** The current reading, in nanoseconds from an arbitrary origin. */
    long read();
}
