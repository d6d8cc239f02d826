package io.hookgate.app.testing;

import io.hookgate.app.Hookgate;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** Every command registered under {@code hookgate}, found by walking picocli's tree of commands, for tests that hold each to the same. */
public final class CommandTree {

    private CommandTree() {
    }

    /** Every command, as the names that lead to it ({@code [dlq, replay]}), parents before their subcommands; aliases left out. */
    public static List<List<String>> commands() {
        return below(Hookgate.commandLine(CommandLine.defaultFactory()), List.of());
    }

    /** The command that {@code path} leads to. */
    public static CommandSpec spec(final List<String> path) {
        CommandLine line = Hookgate.commandLine(CommandLine.defaultFactory());
        for (String name : path) {
            line = line.getSubcommands().get(name);
        }
        return line.getCommandSpec();
    }

    private static List<List<String>> below(final CommandLine line, final List<String> path) {
        final List<List<String>> found = new ArrayList<>();
        line.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                final List<String> subPath = new ArrayList<>(path);
                subPath.add(name);
                found.add(subPath);
                found.addAll(below(sub, subPath));
            }
        });
        return found;
    }
}
