package io.hookgate.bench.chart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartTest {

    @Test
    void barsLinesAndNotesAreDrawnAndTextIsEscaped() {
        final String svg = new Chart("A <b> & c")
            .note("ratio 0.92")
            .add(new BarPanel("Rates", "requests/s", List.of(new BarPanel.Bar("hookgate", 9200, 0, "(0.92x)"),
                new BarPanel.Bar("baseline", 10000, 1, ""))))
            .add(new LinePanel("Over time", "seconds", "events/s", List.of(Series.named("delivered").add(0, 1).add(1, 3).build())))
            .svg();
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg).contains("A &lt;b&gt; &amp; c", "ratio 0.92", "9,200  (0.92x)", "10,000", "<polyline", "delivered");
    }

    @Test
    void axesEndOnRoundNumbers() {
        final Scale scale = Scale.covering(0, 9200, 5);
        assertThat(scale.max()).isEqualTo(10000);
        assertThat(scale.ticks()).containsExactly(0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10000.0);
    }
}
