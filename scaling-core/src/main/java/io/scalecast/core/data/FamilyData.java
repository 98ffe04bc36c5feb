package io.scalecast.core.data;

import java.util.List;

/**
 * A family's loss points ready for a fit, as primitive arrays.
 *
 * @param params N per point
 * @param tokens D per point
 * @param loss L per point
 * @param runs number of distinct runs
 */
public record FamilyData(double[] params, double[] tokens, double[] loss, int runs) {

    /** Collects the points into arrays. */
    public static FamilyData of(List<CheckpointPoint> points) {
        double[] n = points.stream().mapToDouble(CheckpointPoint::params).toArray();
        double[] d = points.stream().mapToDouble(CheckpointPoint::tokens).toArray();
        double[] l = points.stream().mapToDouble(CheckpointPoint::loss).toArray();
        int runs = (int) points.stream().map(CheckpointPoint::run).distinct().count();
        return new FamilyData(n, d, l, runs);
    }

    /** Number of points. */
    public int size() {
        return loss.length;
    }

    /** The largest N in the data. */
    public double maxParams() {
        return max(params);
    }

    /** The largest D in the data. */
    public double maxTokens() {
        return max(tokens);
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
