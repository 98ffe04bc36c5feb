package io.scalecast.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A family's loss points ready for a fit, as primitive arrays.
 *
 * @param params N per point
 * @param tokens D per point
 * @param loss L per point
 * @param runIndex per point, the index of its run in {@code runNames}
 * @param runNames the distinct runs, in order of first appearance
 */
public record FamilyData(double[] params, double[] tokens, double[] loss, int[] runIndex, List<String> runNames) {

    /** Collects the points into arrays. */
    public static FamilyData of(List<CheckpointPoint> points) {
        double[] n = points.stream().mapToDouble(CheckpointPoint::params).toArray();
        double[] d = points.stream().mapToDouble(CheckpointPoint::tokens).toArray();
        double[] l = points.stream().mapToDouble(CheckpointPoint::loss).toArray();
        List<String> names = points.stream().map(CheckpointPoint::run).distinct().toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] runIndex = points.stream().mapToInt(p -> index.get(p.run())).toArray();
        return new FamilyData(n, d, l, runIndex, names);
    }

    /** Number of distinct runs. */
    public int runs() {
        return runNames.size();
    }

    /** Number of distinct model sizes (N). */
    public int sizes() {
        return (int) Arrays.stream(params).distinct().count();
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
