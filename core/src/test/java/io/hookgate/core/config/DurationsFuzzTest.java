package io.hookgate.core.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target of configured durations (and of the retry topics' names, which carry them): any text
 * is a duration within {@link Durations#LONGEST} or an {@link IllegalArgumentException} the loader
 * reports as a problem. Seeds: {@code DurationsFuzzTestInputs/}.
 */
class DurationsFuzzTest {

    /** Any UTF-8 text: a duration that formats and parses back to itself, or refused with a reason. */
    @FuzzTest
    void parseReadsADurationOrSaysWhyNot(final byte[] data) {
        final String text = new String(data, StandardCharsets.UTF_8);
        final Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(duration).isBetween(Duration.ZERO, Durations.LONGEST);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
