package io.hookgate.bench.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A named line of a {@link LinePanel}: points {@code (x, y)} in the order they are drawn.
 *
 * @param name   shown in the legend
 * @param points each {@code {x, y}}
 */
public record Series(String name, List<double[]> points) {

    public Series {
        points = List.copyOf(points);
    }

    /** A series built point by point. */
    public static Builder named(final String name) {
        return new Builder(name);
    }

    /** Collects the points of a series. */
    public static final class Builder {
        private final String name;
        private final List<double[]> points = new ArrayList<>();

        private Builder(final String name) {
            this.name = name;
        }

        public Builder add(final double x, final double y) {
            points.add(new double[] {x, y});
            return this;
        }

        public Series build() {
            return new Series(name, points);
        }
    }
}
