package io.hookgate.app.secret;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.core.config.SigningSecret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

/** {@code hookgate secret new}: a fresh signing secret for a subscription (or a Standard Webhooks source). */
@Command(name = "secret", mixinStandardHelpOptions = true, description = "Make secrets.", subcommands = SecretCommand.New.class)
public final class SecretCommand {

    @Command(name = "new", mixinStandardHelpOptions = true,
        description = "Print a new signing secret, whsec_ and the base64 of random bytes (Standard Webhooks style), "
            + "for a subscription's secret or a standard-webhooks source's secrets.")
    static final class New implements Callable<Integer> {

        @Option(names = "--bytes", defaultValue = "32", description = "Random bytes in the key, 24 to 64 (default: ${DEFAULT-VALUE}).")
        int bytes;

        @Override
        public Integer call() {
            if (bytes < 24 || bytes > 64) {
                throw CliFailure.usage("--bytes must be from 24 to 64");
            }
            final byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            System.out.println(SigningSecret.PREFIX + Base64.getEncoder().encodeToString(key));
            return 0;
        }
    }
}
