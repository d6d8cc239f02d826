package io.hookgate.core.health;

/**
 * A part's answer to {@code /readyz}: whether it can do its job now (Kafka reachable, Streams
 * RUNNING, ...), and if not, why.
 */
public interface Readiness {

    /** A short name of the part: {@code ingress}, {@code processor}, {@code dispatcher}. */
    String name();

    /** Null when ready, else why not (shown on {@code /readyz}, so never a secret). */
    String notReadyReason();
}
