package io.hookgate.app.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * What {@code hookgate dev} leaves under its data directory for the other commands to find the
 * gateway: {@code admin-token}, the generated admin token (made once, then kept across restarts,
 * readable by its owner only), and {@code admin-url}, where the admin API of the last start listens.
 */
public final class DevFiles {

    static final String TOKEN_FILE = "admin-token";
    static final String URL_FILE = "admin-url";

    private final Path dataDir;

    public DevFiles(final Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The token kept from an earlier start, else a fresh one, kept for the next. */
    String tokenOrCreate() {
        final Optional<String> kept = token();
        if (kept.isPresent()) {
            return kept.get();
        }
        final byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        write(TOKEN_FILE, token, true);
        return token;
    }

    /** Records where the admin API listens now. */
    void writeAdminUrl(final String url) {
        write(URL_FILE, url, false);
    }

    /** The token dev mode generated, if it ran here. */
    public Optional<String> token() {
        return read(TOKEN_FILE);
    }

    /** Where the admin API of the last {@code hookgate dev} listened, if it ran here. */
    public Optional<String> adminUrl() {
        return read(URL_FILE);
    }

    private Optional<String> read(final String name) {
        final Path file = dataDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            final String text = Files.readString(file).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(final String name, final String text, final boolean secret) {
        final Path file = dataDir.resolve(name);
        try {
            Files.createDirectories(dataDir);
            final Path temporary = Files.createTempFile(dataDir, name, ".tmp");
            if (secret && Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temporary, text + "\n");
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
