package io.hookgate.core.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "5s,5000", "5m,300000", "2h,7200000", "7d,604800000", "0s,0"})
    void parsesEachUnit(final String text, final long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 s", "-5s", "5sec", "1.5h", "s"})
    void rejectsOtherSpellings(final String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"5s,5s", "300s,5m", "30m,30m", "120m,2h", "10h,10h", "48h,2d", "1500ms,1500ms", "90s,90s"})
    void formatsInTheLargestExactUnit(final String in, final String out) {
        assertThat(Durations.format(Durations.parse(in))).isEqualTo(out);
    }
}
