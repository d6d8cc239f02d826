package io.hookgate.app.run;

import java.util.Locale;

/**
 * The parts a hookgate process can run, in the order a process starts them; it closes them in the
 * reverse order, which loses nothing: admin, dispatcher, processor, ingress (what the ingress still
 * stores is read when the others come back).
 */
public enum Part {
    INGRESS, PROCESSOR, DISPATCHER,
    /** The admin index, the admin API ({@code /admin/*}) and the replayer: the only part that needs {@code admin.token}. */
    ADMIN;

    /** The part's name on the command line and in logs: {@code ingress}, ..., {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
