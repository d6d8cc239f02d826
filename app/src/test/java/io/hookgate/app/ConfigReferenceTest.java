package io.hookgate.app;

import io.hookgate.core.config.ConfigReference;
import io.hookgate.providers.Providers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps {@code docs/CONFIGURATION.md} equal to the definitions of the configuration keys. */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("..", "docs", "CONFIGURATION.md");

    @Test
    void documentedKeysAreTheCodesKeys() throws Exception {
        final String generated = ConfigReference.markdown(Providers.builtIn());
        if (Boolean.getBoolean("config.update")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "")
            .as("docs/CONFIGURATION.md differs from the code; regenerate it (see its first lines)").isEqualTo(generated);
    }
}
