package io.hookgate.app;

import io.hookgate.app.testing.CommandTree;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manual pages the build writes into {@code target/man} (picocli's ManPageGenerator, in the
 * package phase, before this runs): one page per command, named as man names it
 * ({@code hookgate-dlq-replay(1)}), with each of the command's options, and the exit codes and
 * environment variables on the page of {@code hookgate}.
 */
class ManPagesIT {

    private static final Path PAGES = Path.of("target", "man");

    @Test
    void everyCommandHasAPageWithItsOptions() throws Exception {
        final String top = Files.readString(PAGES.resolve("hookgate.adoc"));
        assertThat(top).contains(":doctype: manpage", "= hookgate(1)", "Exit codes", "HOOKGATE_ADMIN_TOKEN", "HOOKGATE_SECRETS_KEY");
        for (List<String> path : CommandTree.commands()) {
            final String name = "hookgate-" + String.join("-", path);
            final Path page = PAGES.resolve(name + ".adoc");
            assertThat(page).as("the page of %s", path).exists();
            final String text = Files.readString(page);
            assertThat(text).contains("= " + name + "(1)");
            for (OptionSpec option : CommandTree.spec(path).options()) {
                assertThat(text).as("%s %s", name, option.longestName()).contains(option.longestName());
            }
        }
    }
}
