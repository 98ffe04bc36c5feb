package io.scalecast.core.plan;

import io.scalecast.core.data.FamilyData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The candidate runs a next-run plan ranks: a default grid around the family's sizes, or a lab's own list of the runs
 * it can train, and how a candidate is logged and cut (from how the family's runs were).
 */
public final class Candidates {

    /** The token multipliers (D/N) of the default grid: from over-sized to over-trained, Chinchilla's 20 between. */
    public static final double[] MULTIPLIERS = {5, 10, 20, 40, 80};
    /** The size steps of the default grid: each observed size, twice it and four times it. */
    public static final double[] SIZE_STEPS = {1, 2, 4};
    /** The most checkpoints of a candidate that a plan counts: more add little once the curve's shape is pinned. */
    public static final int MAX_CHECKPOINTS = 8;
    /** Sizes within this ratio of the next smaller one are taken as that size in the grid. */
    static final double SAME_SIZE = 1.02;
    /** The most candidates one plan ranks. */
    public static final int MAX = 1000;

    private Candidates() {
    }

    /**
     * The default grid: each distinct size of the family times {@link #SIZE_STEPS}, each at the token multipliers
     * of {@link #MULTIPLIERS}, so the ranking weighs longer runs of the sizes a lab has against larger sizes.
     */
    public static List<double[]> grid(FamilyData data) {
        double[] sizes = Arrays.stream(data.params()).flatMap(n -> Arrays.stream(SIZE_STEPS).map(s -> s * n))
                .sorted().toArray();
        List<Double> distinct = new ArrayList<>();
        for (double n : sizes) {
            // Sizes read off a plot differ in their last digits: within 2% they are one size.
            if (distinct.isEmpty() || n > distinct.get(distinct.size() - 1) * SAME_SIZE) {
                distinct.add(n);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (double n : distinct) {
            for (double m : MULTIPLIERS) {
                out.add(new double[] {n, m * n});
            }
        }
        return out;
    }

    /**
     * A lab's candidates as {@code N:D} pairs separated by commas, e.g. {@code 1e9:2e10,2e9:4e10}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<double[]> parse(String list) {
        List<double[]> out = new ArrayList<>();
        for (String entry : list.split(",")) {
            String[] nd = entry.trim().split(":");
            if (nd.length != 2) {
                throw new IllegalArgumentException("each entry must be N:D, was '" + entry.trim() + "'");
            }
            out.add(new double[] {positive(nd[0], entry), positive(nd[1], entry)});
        }
        if (out.size() > MAX) {
            throw new IllegalArgumentException("lists " + out.size() + " runs; the limit is " + MAX);
        }
        return out;
    }

    /** The candidates that cost at most {@code budget} FLOPs (6ND) each; all of them when the budget is null. */
    public static List<double[]> within(List<double[]> candidates, Double budget) {
        return budget == null ? candidates : candidates.stream().filter(c -> 6 * c[0] * c[1] <= budget).toList();
    }

    /**
     * How a candidate run is fitted, as the family's runs are: as many checkpoints as the median run keeps (at most
     * {@link #MAX_CHECKPOINTS}), the first at the median run's share of its final tokens (the token cut's effect).
     *
     * @param checkpoints fitted checkpoints per run
     * @param firstShare the first fitted checkpoint's tokens over the run's final tokens
     */
    public record Shape(int checkpoints, double firstShare) {

        /** The shape of the family's fitted runs. */
        public static Shape of(FamilyData data) {
            int runs = data.runs();
            int[] counts = new int[runs];
            double[] first = new double[runs];
            double[] last = new double[runs];
            Arrays.fill(first, Double.POSITIVE_INFINITY);
            for (int i = 0; i < data.size(); i++) {
                int r = data.runIndex()[i];
                counts[r]++;
                first[r] = Math.min(first[r], data.tokens()[i]);
                last[r] = Math.max(last[r], data.tokens()[i]);
            }
            double[] shares = new double[runs];
            for (int r = 0; r < runs; r++) {
                shares[r] = first[r] / last[r];
            }
            int median = (int) Math.round(median(Arrays.stream(counts).asDoubleStream().toArray()));
            return new Shape(Math.max(1, Math.min(MAX_CHECKPOINTS, median)), median(shares));
        }

        /** This shape with {@code checkpoints} fitted checkpoints per run. */
        public Shape withCheckpoints(int checkpoints) {
            if (checkpoints < 1) {
                throw new IllegalArgumentException("checkpoints must be >= 1, was " + checkpoints);
            }
            return new Shape(checkpoints, firstShare);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double positive(String text, String entry) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' in '" + entry.trim() + "' is not a number");
        }
        if (!(Double.isFinite(v) && v > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "'%s' in '%s' must be finite and > 0",
                    text.trim(), entry.trim()));
        }
        return v;
    }
}
