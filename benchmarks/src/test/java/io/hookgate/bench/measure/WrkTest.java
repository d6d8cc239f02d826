package io.hookgate.bench.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WrkTest {

    private static final String OUTPUT = """
        Running 15s test @ http://127.0.0.1:8080
          2 threads and 64 connections
          Latency Distribution
             50%  812.00us
             75%    1.53ms
             90%    2.10ms
             99%    1.20s
        """;

    @Test
    void latenciesAreReadInTheirUnitsAsMilliseconds() {
        assertThat(Wrk.percentile(OUTPUT, "50%")).isEqualTo(0.812);
        assertThat(Wrk.percentile(OUTPUT, "75%")).isEqualTo(1.53);
        assertThat(Wrk.percentile(OUTPUT, "99%")).isEqualTo(1200.0);
        assertThat(Wrk.percentile(OUTPUT, "99.9%")).isNaN();
    }
}
