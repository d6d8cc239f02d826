package io.hookgate.bench.chart;

import java.util.List;

/**
 * Horizontal bars, one per figure, with its label on the left and its value (and a note, such
 * as a ratio) at its end. A bar's colour is its series: hookgate and its baseline, say.
 */
public final class BarPanel implements Panel {

    private static final int LABEL_WIDTH = 300;
    private static final int RIGHT = 200;
    private static final int TOP = 34;
    private static final int ROW = 26;
    private static final int BOTTOM = 36;

    private final String title;
    private final String unit;
    private final List<Bar> bars;

    /**
     * One bar.
     *
     * @param label  on the left of the bar
     * @param value  its length
     * @param series its colour
     * @param note   after the value, or empty
     */
    public record Bar(String label, double value, int series, String note) {
    }

    public BarPanel(final String title, final String unit, final List<Bar> bars) {
        this.title = title;
        this.unit = unit;
        this.bars = List.copyOf(bars);
    }

    @Override
    public int height() {
        return TOP + ROW * bars.size() + BOTTOM;
    }

    @Override
    public void draw(final Svg svg, final int top, final int width) {
        svg.text(20, top + 18, title, "start", 14, true);
        final double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        final Scale scale = Scale.covering(0, max, 5);
        final double plotWidth = width - LABEL_WIDTH - RIGHT;
        final double plotTop = top + TOP;
        final double plotBottom = plotTop + ROW * bars.size();
        for (double tick : scale.ticks()) {
            final double tx = LABEL_WIDTH + plotWidth * scale.fraction(tick);
            svg.line(tx, plotTop, tx, plotBottom, Svg.GRID, 1);
            svg.text(tx, plotBottom + 15, Scale.format(tick), "middle", 11, false);
        }
        svg.text(LABEL_WIDTH + plotWidth / 2, plotBottom + 31, unit, "middle", 12, false);
        for (int i = 0; i < bars.size(); i++) {
            final Bar bar = bars.get(i);
            final double y = plotTop + ROW * i;
            final double length = plotWidth * scale.fraction(bar.value());
            svg.text(LABEL_WIDTH - 8, y + ROW / 2.0 + 4, bar.label(), "end", 12, false);
            svg.rect(LABEL_WIDTH, y + 4, length, ROW - 8, Svg.colour(bar.series()));
            svg.text(LABEL_WIDTH + length + 6, y + ROW / 2.0 + 4,
                Scale.format(bar.value()) + (bar.note().isEmpty() ? "" : "  " + bar.note()), "start", 12, false);
        }
        svg.line(LABEL_WIDTH, plotTop, LABEL_WIDTH, plotBottom, Svg.INK, 1);
    }
}
