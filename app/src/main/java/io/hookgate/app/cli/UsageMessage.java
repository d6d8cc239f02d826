package io.hookgate.app.cli;

import io.hookgate.core.text.DidYouMean;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A usage mistake in the CLI's words: an unknown command or option with the one it most likely
 * meant (also for {@code hookgate help NAME}, and for an unknown option that picocli would report
 * only as a missing required one), and a group of commands given none of its commands with their
 * names. Anything else in picocli's own words.
 */
final class UsageMessage {

    private static final Pattern UNKNOWN_HELP_TOPIC = Pattern.compile("Unknown subcommand '(.*)'\\.");

    private UsageMessage() {
    }

    /** What is wrong with {@code args}, as {@code problem} says it. */
    static String of(final ParameterException problem, final String[] args) {
        final CommandLine line = problem.getCommandLine();
        final CommandSpec spec = line.getCommandSpec();
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            final String word = unmatched.getUnmatched().get(0);
            if (word.startsWith("-")) {
                return unknownOption(word, spec);
            }
            return spec.subcommands().isEmpty() ? problem.getMessage() : unknownCommand(word, spec);
        }
        final Matcher helpTopic = UNKNOWN_HELP_TOPIC.matcher(String.valueOf(problem.getMessage()));
        if (helpTopic.matches() && !spec.subcommands().isEmpty()) {
            // hookgate help NAME: picocli's help command says so of the command whose help it was asked for.
            return unknownCommand(helpTopic.group(1), spec);
        }
        if (problem instanceof MissingParameterException) {
            final Optional<String> unknown = unknownOptionIn(args, spec);
            if (unknown.isPresent()) {
                return unknownOption(unknown.get(), spec);
            }
        }
        if (String.valueOf(problem.getMessage()).startsWith("Missing required subcommand")) {
            return "'" + spec.qualifiedName() + "' needs one of its commands: " + String.join(", ", spec.subcommands().keySet());
        }
        return problem.getMessage();
    }

    private static String unknownOption(final String word, final CommandSpec spec) {
        final String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        return "unknown option '" + name + "'" + DidYouMean.nearest(name, optionNames(spec)).map(best -> "; did you mean '" + best + "'?")
            .orElse("");
    }

    private static String unknownCommand(final String word, final CommandSpec spec) {
        final List<String> known = new ArrayList<>(spec.subcommands().keySet());
        return "unknown command '" + word + "'" + DidYouMean.nearest(word, known).map(best -> "; did you mean '" + best + "'?")
            .orElse("; the commands are " + String.join(", ", known));
    }

    /** The first of {@code args} that looks like an option (before a {@code --}) and is none of {@code spec}'s or its parents'. */
    private static Optional<String> unknownOptionIn(final String[] args, final CommandSpec spec) {
        final List<String> known = new ArrayList<>();
        for (CommandSpec command = spec; command != null; command = command.parent()) {
            known.addAll(optionNames(command));
        }
        for (String arg : args) {
            if ("--".equals(arg)) {
                break;
            }
            final String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.startsWith("-") && name.length() > 1 && !known.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static List<String> optionNames(final CommandSpec spec) {
        final List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            names.addAll(List.of(option.names()));
        }
        return names;
    }
}
