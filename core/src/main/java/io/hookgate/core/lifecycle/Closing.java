package io.hookgate.core.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing what a part holds on its way down: one failure to close is logged with what it was,
 * and the rest still close.
 */
public final class Closing {

    private static final Logger LOG = LoggerFactory.getLogger(Closing.class);

    private Closing() {
    }

    /** Closes {@code closeable} (nothing when null); a failure is logged as "Stopping the {what} failed". */
    public static void quietly(final AutoCloseable closeable, final String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Stopping the {} failed", what, e);
        }
    }
}
