package io.scalecast.core.fit;

/**
 * A two-sided interval of a quantity.
 *
 * @param lower the lower end
 * @param upper the upper end
 */
public record Interval(double lower, double upper) {

    /** Whether {@code value} lies inside, ends included. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** This interval cut to the range a quantity can take, e.g. an error rate's [0, 1]. */
    public Interval clampedTo(double min, double max) {
        return new Interval(Math.min(Math.max(lower, min), max), Math.max(Math.min(upper, max), min));
    }

    /** The percentile interval of sorted-or-not samples at {@code level} (e.g. 0.95), interpolated like numpy. */
    public static Interval percentile(double[] samples, double level) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = samples.clone();
        java.util.Arrays.sort(s);
        double tail = (1 - level) / 2;
        return new Interval(quantile(s, tail), quantile(s, 1 - tail));
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
