package io.hookgate.bench.chart;

import java.util.List;
import java.util.Locale;

/** The few SVG elements the charts draw, written as text. */
final class Svg {

    /** Colours of series 0, 1, 2...: distinguishable, and readable in grey print. */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b");
    static final String INK = "#222";
    static final String GRID = "#ddd";

    private final StringBuilder out = new StringBuilder();

    static String colour(final int series) {
        return PALETTE.get(Math.floorMod(series, PALETTE.size()));
    }

    void rect(final double x, final double y, final double width, final double height, final String fill) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
            x, y, Math.max(0, width), Math.max(0, height), fill));
    }

    void line(final double x1, final double y1, final double x2, final double y2, final String stroke, final double width) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
            x1, y1, x2, y2, stroke, width));
    }

    void polyline(final List<double[]> points, final String stroke) {
        out.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\" points=\"");
        for (double[] point : points) {
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", point[0], point[1]));
        }
        out.append("\"/>\n");
    }

    void circle(final double x, final double y, final double radius, final String fill) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n", x, y, radius, fill));
    }

    /** Text at {@code (x, y)}; {@code anchor} is start, middle or end. */
    void text(final double x, final double y, final String text, final String anchor, final int size, final boolean bold) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s fill=\"%s\">%s</text>%n",
            x, y, anchor, size, bold ? " font-weight=\"bold\"" : "", INK, escape(text)));
    }

    /** Text turned a quarter counter-clockwise, for a y axis label. */
    void verticalText(final double x, final double y, final String text, final int size) {
        out.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" text-anchor=\"middle\" font-size=\"%d\" fill=\"%s\">%s</text>%n",
            x, y, size, INK, escape(text)));
    }

    String document(final int width, final int height) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"Helvetica, Arial, sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", width, height, width, height)
            + out + "</svg>\n";
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
