package io.hookgate.bench.chart;

import java.util.List;

/** Lines over a shared x axis (time, say), each series in its own colour, with a legend. */
public final class LinePanel implements Panel {

    private static final int LEFT = 80;
    private static final int RIGHT = 24;
    private static final int TOP = 34;
    private static final int BOTTOM = 42;
    private static final int PLOT_HEIGHT = 200;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;

    public LinePanel(final String title, final String xLabel, final String yLabel, final List<Series> series) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = List.copyOf(series);
    }

    @Override
    public int height() {
        return TOP + PLOT_HEIGHT + BOTTOM;
    }

    @Override
    public void draw(final Svg svg, final int top, final int width) {
        svg.text(LEFT, top + 18, title, "start", 14, true);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series line : series) {
            for (double[] point : line.points()) {
                minX = Math.min(minX, point[0]);
                maxX = Math.max(maxX, point[0]);
                maxY = Math.max(maxY, point[1]);
            }
        }
        if (minX > maxX) {
            svg.text(LEFT, top + TOP + 20, "(no data)", "start", 12, false);
            return;
        }
        // Time axes start at their origin, not at the first point.
        final Scale x = Scale.covering(Math.min(0, minX), maxX, 8);
        final Scale y = Scale.covering(0, maxY, 5);
        final double plotTop = top + TOP;
        final double plotWidth = width - LEFT - RIGHT;
        for (double tick : y.ticks()) {
            final double ty = plotTop + PLOT_HEIGHT * (1 - y.fraction(tick));
            svg.line(LEFT, ty, LEFT + plotWidth, ty, Svg.GRID, 1);
            svg.text(LEFT - 6, ty + 4, Scale.format(tick), "end", 11, false);
        }
        for (double tick : x.ticks()) {
            final double tx = LEFT + plotWidth * x.fraction(tick);
            svg.line(tx, plotTop + PLOT_HEIGHT, tx, plotTop + PLOT_HEIGHT + 4, Svg.INK, 1);
            svg.text(tx, plotTop + PLOT_HEIGHT + 17, Scale.format(tick), "middle", 11, false);
        }
        svg.line(LEFT, plotTop + PLOT_HEIGHT, LEFT + plotWidth, plotTop + PLOT_HEIGHT, Svg.INK, 1);
        svg.line(LEFT, plotTop, LEFT, plotTop + PLOT_HEIGHT, Svg.INK, 1);
        svg.text(LEFT + plotWidth / 2, plotTop + PLOT_HEIGHT + 35, xLabel, "middle", 12, false);
        svg.verticalText(18, plotTop + PLOT_HEIGHT / 2.0, yLabel, 12);
        double legendX = width - RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            final Series line = series.get(i);
            final List<double[]> points = new java.util.ArrayList<>();
            for (double[] point : line.points()) {
                points.add(new double[] {LEFT + plotWidth * x.fraction(point[0]), plotTop + PLOT_HEIGHT * (1 - y.fraction(point[1]))});
            }
            if (points.size() == 1) {
                svg.circle(points.get(0)[0], points.get(0)[1], 3, Svg.colour(i));
            } else {
                svg.polyline(points, Svg.colour(i));
            }
            // The legend, right-aligned on the title's line: a swatch and the name per series.
            final double textWidth = line.name().length() * 7.2;
            svg.text(legendX, top + 18, line.name(), "end", 12, false);
            svg.rect(legendX - textWidth - 18, top + 9, 12, 10, Svg.colour(i));
            legendX -= textWidth + 40;
        }
    }
}
