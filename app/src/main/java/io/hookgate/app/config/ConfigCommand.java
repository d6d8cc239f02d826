package io.hookgate.app.config;

import io.hookgate.app.cli.ConfigOption;
import io.hookgate.app.run.SourceWarnings;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ResolvedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code hookgate config check|print}: a configuration file read as every part reads it (the same
 * loader, providers and environment), without starting anything. A file with problems fails as
 * every command fails on one: each problem on its own line with its path, exit code 2.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check or print a configuration file.",
    subcommands = {ConfigCommand.Check.class, ConfigCommand.Print.class})
public final class ConfigCommand {

    /** A subcommand on the file of {@code --config}, which it reads whole before it says anything. */
    abstract static class OnFile implements Callable<Integer> {

        @Mixin
        private ConfigOption config;

        @Override
        public final Integer call() {
            final ResolvedConfig resolved = config.resolve();
            say(config.file(), resolved);
            return 0;
        }

        /** Prints what the subcommand says of {@code file}, which loaded as {@code resolved}. */
        abstract void say(Path file, ResolvedConfig resolved);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the file as the parts would at start: ok with its sources, subscriptions and warnings (exit 0), "
            + "or every problem with its path (exit 2).")
    static final class Check extends OnFile {

        @Override
        void say(final Path file, final ResolvedConfig resolved) {
            final HookgateConfig loaded = resolved.config();
            System.out.println("ok: " + file + ": " + count(loaded.sources().size(), "source") + ", "
                + count(loaded.subscriptions().size(), "subscription"));
            SourceWarnings.messages(loaded).forEach(warning -> System.out.println("  warning: " + warning));
        }

        private static String count(final int n, final String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
        description = "Print the configuration as it applies, as YAML: variables substituted, every key of every section with "
            + "its default, every secret masked.")
    static final class Print extends OnFile {

        @Override
        void say(final Path file, final ResolvedConfig resolved) {
            System.out.print(resolved.yaml());
        }
    }
}
