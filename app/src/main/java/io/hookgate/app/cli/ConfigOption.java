package io.hookgate.app.cli;

import io.hookgate.app.logging.LoggingSetup;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ResolvedConfig;
import io.hookgate.providers.Providers;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --config FILE} option of every command, and the loading and validation of that file. */
public final class ConfigOption {

    /** The configuration {@code hookgate dev} uses when none is given. */
    public static final String DEV_CONFIG = "examples/dev.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (YAML). Default: " + DEV_CONFIG)
    private Path file;

    /** The file given with {@code --config}, if one was. */
    public java.util.Optional<Path> given() {
        return java.util.Optional.ofNullable(file);
    }

    /** The file given, or the dev configuration: from the working directory, else from hookgate's home. */
    public Path file() {
        if (file != null) {
            return file;
        }
        final Path local = Path.of(DEV_CONFIG);
        final String home = System.getProperty("hookgate.home");
        if (!Files.exists(local) && home != null) {
            return Path.of(home).resolve(DEV_CONFIG);
        }
        return local;
    }

    /**
     * Loads and validates the file as a whole, then applies its section {@code logging} (format and
     * levels) to this process's logs.
     *
     * @throws io.hookgate.core.config.ConfigException listing every problem with its path
     */
    public HookgateConfig load() {
        final HookgateConfig config = loader().load(file());
        LoggingSetup.apply(config.logging());
        return config;
    }

    /**
     * Loads and validates the file as {@link #load} does, without touching this process's logs, with
     * every key as it applies ({@code hookgate config check} and {@code print}).
     *
     * @throws io.hookgate.core.config.ConfigException listing every problem with its path
     */
    public ResolvedConfig resolve() {
        return loader().resolve(file());
    }

    /** How every command reads its file: the built-in providers, this process's environment. */
    private static ConfigLoader loader() {
        return new ConfigLoader(Providers.builtIn(), System::getenv);
    }
}
