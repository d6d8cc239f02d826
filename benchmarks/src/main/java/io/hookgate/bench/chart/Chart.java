package io.hookgate.bench.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chart of one benchmark run, as a self-contained SVG file: a title, a few lines of notes
 * (what ran, the ratios), and {@link Panel}s stacked top to bottom. Hand-written SVG keeps the
 * harness free of a plotting library; it draws only lines, bars and text.
 */
public final class Chart {

    private static final int WIDTH = 960;
    private static final int HEADER = 36;
    private static final int NOTE = 18;
    private static final int GAP = 16;

    private final String title;
    private final List<String> notes = new ArrayList<>();
    private final List<Panel> panels = new ArrayList<>();

    public Chart(final String title) {
        this.title = title;
    }

    /** A line under the title. */
    public Chart note(final String note) {
        notes.add(note);
        return this;
    }

    public Chart add(final Panel panel) {
        panels.add(panel);
        return this;
    }

    /** The chart as an SVG document. */
    public String svg() {
        final Svg svg = new Svg();
        svg.text(20, 26, title, "start", 18, true);
        int top = HEADER;
        for (String note : notes) {
            svg.text(20, top + 12, note, "start", 12, false);
            top += NOTE;
        }
        for (Panel panel : panels) {
            top += GAP;
            panel.draw(svg, top, WIDTH);
            top += panel.height();
        }
        return svg.document(WIDTH, top + GAP);
    }

    /** Writes the chart to {@code file}. */
    public Path write(final Path file) {
        try {
            Files.writeString(file, svg());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
