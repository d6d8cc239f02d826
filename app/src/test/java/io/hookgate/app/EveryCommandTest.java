package io.hookgate.app;

import io.hookgate.app.ops.AdminCommand;
import io.hookgate.app.testing.CommandTree;
import io.hookgate.app.testing.StdStreams;
import io.hookgate.app.testing.StubAdmin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every command registered under {@code hookgate}, found by walking picocli's tree of commands, so
 * that a command added later is held to the same: {@code hookgate help COMMAND...} and
 * {@code --help} print its usage, the completion script names it, and bad input (an unknown option,
 * a missing argument, a configuration file that does not exist, an admin API that does not answer)
 * fails with a non-zero exit code and never a Java stack trace.
 */
class EveryCommandTest {

    @RegisterExtension
    final StdStreams streams = new StdStreams();

    @Test
    void theTreeHoldsEveryCommand() {
        assertThat(CommandTree.commands()).contains(List.of("listen"), List.of("completion"), List.of("help"), List.of("dlq", "replay"),
            List.of("subscriptions", "rotate-secret"), List.of("config", "check"));
    }

    @Test
    void helpPrintsTheUsageOfEveryCommandAtEveryLevel() {
        assertSoftly(softly -> {
            for (List<String> path : CommandTree.commands()) {
                final String usage = "Usage: hookgate " + String.join(" ", path);
                final List<String> help = new ArrayList<>(List.of("help"));
                help.addAll(path);
                streams.reset();
                softly.assertThat(Hookgate.run(help.toArray(String[]::new))).as("hookgate %s: %s", help, streams.err()).isZero();
                softly.assertThat(streams.out()).as("hookgate %s", help).startsWith(usage);
                final List<String> option = new ArrayList<>(path);
                option.add("--help");
                streams.reset();
                softly.assertThat(Hookgate.run(option.toArray(String[]::new))).as("hookgate %s", option).isZero();
                softly.assertThat(streams.out()).as("hookgate %s", option).startsWith(usage);
            }
        });
    }

    @Test
    void theCompletionScriptCompletesEveryCommandAndOption() {
        assertThat(Hookgate.run("completion")).isZero();
        final String script = streams.out();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_hookgate")
            .as("zsh loads bashcompinit").contains("bashcompinit");
        for (List<String> path : CommandTree.commands()) {
            assertThat(script).as("%s", path).contains(path.get(path.size() - 1));
            for (OptionSpec option : CommandTree.spec(path).options()) {
                assertThat(script).as("%s %s", path, option.longestName()).contains(option.longestName());
            }
        }
    }

    @Test
    void noCommandPrintsAStackTraceForBadInput(@TempDir final Path devDir) throws Exception {
        final String closedAdmin;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedAdmin = "http://127.0.0.1:" + socket.getLocalPort();
        }
        final List<List<String>> tried = new ArrayList<>();
        for (List<String> path : CommandTree.commands()) {
            final CommandSpec spec = CommandTree.spec(path);
            tried.add(with(path, List.of("--no-such-option")));
            if (!spec.requiredArgs().isEmpty() || !(spec.userObject() instanceof Callable || spec.userObject() instanceof Runnable)) {
                tried.add(path);
            }
            if (spec.findOption("--config") != null) {
                tried.add(with(with(path, required(spec)), List.of("--config", "/nonexistent/hookgate.yaml")));
            }
            if (spec.findOption("--admin") != null) {
                tried.add(with(with(path, required(spec)), List.of("--admin", closedAdmin)));
            }
        }
        assertThat(tried).hasSizeGreaterThan(CommandTree.commands().size() * 2);
        final List<String> unreachable = new ArrayList<>();
        assertSoftly(softly -> {
            for (List<String> args : tried) {
                streams.reset();
                final int exit;
                try {
                    // A token, so that the commands of the admin API go as far as its address.
                    exit = StubAdmin.commandLine(Map.of(AdminCommand.TOKEN_ENV, "every-command-token-0000"), devDir)
                        .execute(args.toArray(String[]::new));
                } catch (RuntimeException | Error escaped) {
                    softly.fail("hookgate %s threw %s", args, escaped);
                    continue;
                }
                final String said = streams.out() + streams.err();
                softly.assertThat(exit).as("exit of hookgate %s: %s", args, said).isNotZero();
                softly.assertThat(said).as("hookgate %s", args).doesNotContain("\tat ", "Exception in thread").startsWith("hookgate: ");
                if (said.contains("cannot reach the admin API at " + closedAdmin)) {
                    unreachable.add(String.join(" ", args));
                }
            }
        });
        assertThat(unreachable).as("the commands that went as far as the admin API").contains("dlq list --admin " + closedAdmin,
            "subscriptions show x --admin " + closedAdmin);
    }

    /** The required options and parameters of {@code spec}, each with a value of its type. */
    private static List<String> required(final CommandSpec spec) {
        final List<String> args = new ArrayList<>();
        for (ArgSpec arg : spec.requiredArgs()) {
            if (arg instanceof OptionSpec option) {
                args.add(option.longestName());
                if (option.arity().max() == 0) {
                    continue;
                }
            }
            args.add(value(arg));
        }
        return args;
    }

    private static String value(final ArgSpec arg) {
        if (Number.class.isAssignableFrom(box(arg.type()))) {
            return "1";
        }
        final String label = arg instanceof PositionalParamSpec positional ? positional.paramLabel() : ((OptionSpec) arg).paramLabel();
        return label.contains("URL") ? "http://127.0.0.1:9/hook" : "x";
    }

    private static Class<?> box(final Class<?> type) {
        return type == int.class ? Integer.class : type == long.class ? Long.class : type;
    }

    private static List<String> with(final List<String> first, final List<String> then) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }
}
