package io.hookgate.core.health;

import java.util.Map;

/**
 * A part's answer to {@code /readyz}: whether it can do its job now (Kafka reachable, Streams
 * RUNNING, ...), and if not, why.
 */
public interface Readiness {

    /** A short name of the part: {@code ingress}, {@code processor}, {@code dispatcher}. */
    String name();

    /** Null when ready, else why not (shown on {@code /readyz}, so never a secret). */
    String notReadyReason();

    /**
     * What else {@code /readyz} shows of this check, ready or not (warnings that do not make the
     * process unready, say); empty for none. Never a secret.
     */
    default Map<String, Object> details() {
        return Map.of();
    }
}
