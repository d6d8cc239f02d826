package io.hookgate.app.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code hookgate completion}: prints the completion script of every {@code hookgate} command and
 * option, as picocli writes it from the commands themselves ({@link AutoComplete#bash}), for bash
 * and for zsh (where it loads {@code bashcompinit} itself).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a bash and zsh completion script of every hookgate command and option.",
        "Load it in the shell: source <(hookgate completion)   (bash or zsh; add the line to ~/.bashrc or ~/.zshrc), "
            + "or keep it: hookgate completion > /etc/bash_completion.d/hookgate. It completes the command hookgate on the PATH."})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        final CommandSpec root = spec.root();
        System.out.print(AutoComplete.bash(root.name(), root.commandLine()));
        System.out.flush();
        return ExitCodes.OK;
    }
}
