package io.hookgate.bench.chart;

/** One panel of a {@link Chart}, drawn across the chart's width below the previous one. */
public sealed interface Panel permits LinePanel, BarPanel {

    /** Height of this panel in pixels. */
    int height();

    /** Draws this panel with its top edge at {@code top}. */
    void draw(Svg svg, int top, int width);
}
