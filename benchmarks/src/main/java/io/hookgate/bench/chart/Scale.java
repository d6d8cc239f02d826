package io.hookgate.bench.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear axis from 0 (or a minimum) to a round maximum, with round ticks, and how its numbers are written. */
final class Scale {

    private final double min;
    private final double max;
    private final double step;

    private Scale(final double min, final double max, final double step) {
        this.min = min;
        this.max = max;
        this.step = step;
    }

    /** An axis covering {@code [min, max]} in about {@code ticks} round steps. */
    static Scale covering(final double min, final double max, final int ticks) {
        final double span = max > min ? max - min : Math.max(1, Math.abs(max));
        final double raw = span / ticks;
        final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        final double step = raw <= magnitude ? magnitude : raw <= 2 * magnitude ? 2 * magnitude : raw <= 5 * magnitude ? 5 * magnitude : 10 * magnitude;
        final double low = Math.floor(min / step) * step;
        return new Scale(low, Math.max(low + step, Math.ceil(max / step) * step), step);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** Where {@code value} falls, from 0 (the minimum) to 1 (the maximum). */
    double fraction(final double value) {
        return (value - min) / (max - min);
    }

    List<Double> ticks() {
        final List<Double> ticks = new ArrayList<>();
        for (double tick = min; tick <= max + step / 1000; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }

    /** {@code value} written briefly: 12,500 / 12.5k is not used, so that figures read the same as in the text. */
    static String format(final double value) {
        final double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
