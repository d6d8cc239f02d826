package io.hookgate.app.run;

/** The parts a hookgate process can run. */
public enum Part {
    INGRESS, PROCESSOR, DISPATCHER
}
