package io.hookgate.app.dev;

import io.hookgate.core.subscription.SecretBox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code hookgate dev} leaves under its data directory for the other commands to find the
 * gateway: {@code admin-token}, the generated admin token, and {@code secrets-key}, the generated
 * {@code admin.secretsKey} that seals the signing secrets of subscriptions made at run time (each
 * made once, then kept across restarts, readable by its owner only: a new key would leave the
 * sealed secrets in the {@code subscriptions} topic unreadable), and {@code admin-url}, where the
 * admin API of the last start listens.
 */
public final class DevFiles {

    static final String TOKEN_FILE = "admin-token";
    static final String URL_FILE = "admin-url";
    static final String SECRETS_KEY_FILE = "secrets-key";

    private final Path dataDir;

    public DevFiles(final Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The token kept from an earlier start, else a fresh one, kept for the next. */
    String tokenOrCreate() {
        return keptOrCreate(TOKEN_FILE, () -> {
            final byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }

    /** The secrets key kept from an earlier start, else a fresh one ({@link SecretBox#newKey()}), kept for the next. */
    String secretsKeyOrCreate() {
        return keptOrCreate(SECRETS_KEY_FILE, SecretBox::newKey);
    }

    /** The secret kept in {@code name}, else a fresh one of {@code fresh}, kept there readable by its owner only. */
    private String keptOrCreate(final String name, final Supplier<String> fresh) {
        final Optional<String> kept = read(name);
        if (kept.isPresent()) {
            return kept.get();
        }
        final String made = fresh.get();
        write(name, made, true);
        return made;
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
