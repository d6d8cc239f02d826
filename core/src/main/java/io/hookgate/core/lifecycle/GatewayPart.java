package io.hookgate.core.lifecycle;

import io.hookgate.core.health.Readiness;

/**
 * One part of a hookgate process (ingress, processor, dispatcher, admin) as the process runs it:
 * started once, after the parts before it; ready or not on {@code /readyz} (its {@link Readiness});
 * closed once, before the parts started ahead of it, having finished or handed back what it took.
 * A failed {@link #start()} leaves nothing running that {@link #close()} would not stop.
 */
public interface GatewayPart extends Readiness, AutoCloseable {

    /**
     * Starts the part.
     *
     * @throws IllegalStateException when it cannot (a port taken, its state locked, ...)
     */
    void start();

    /** The port this part listens on of its own once started, or -1 when it has none (it serves only on the admin port). */
    default int port() {
        return -1;
    }

    /** Stops the part; never throws, a second call does nothing. */
    @Override
    void close();
}
