package io.hookgate.app.ops.subscriptions;

import java.io.PrintStream;

/** A signing secret as the commands that get one print it: on a line of its own, said to be shown this once. */
final class SecretLines {

    private SecretLines() {
    }

    static void print(final PrintStream out, final String secret) {
        out.println("Signing secret, shown only now (the gateway never shows it again; rotate-secret makes a new one):");
        out.println("  " + secret);
        out.println("Give it to the subscriber, which verifies each delivery's webhook-signature with it (docs/VERIFYING.md).");
    }
}
