package io.hookgate.app.sign;

import io.hookgate.app.cli.CliFailure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --body} of a command: a file's bytes, or standard input for {@code -}; a path that cannot be read is a usage error. */
final class BodyArgument {

    static final String STDIN = "-";

    private BodyArgument() {
    }

    /** The bytes {@code body} names ({@code -}: all of {@code stdin}). */
    static byte[] read(final String body, final InputStream stdin) {
        if (STDIN.equals(body)) {
            try {
                return stdin.readAllBytes();
            } catch (IOException e) {
                throw CliFailure.usage("--body -: cannot read standard input: " + e.getMessage());
            }
        }
        final Path file = Path.of(body);
        if (Files.isDirectory(file)) {
            throw CliFailure.usage("--body " + body + " is a directory; give a file, or - to read standard input");
        }
        if (!Files.exists(file)) {
            throw CliFailure.usage("--body " + body + ": no such file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw CliFailure.usage("--body " + body + ": permission denied");
        } catch (IOException e) {
            throw CliFailure.usage("--body " + body + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
