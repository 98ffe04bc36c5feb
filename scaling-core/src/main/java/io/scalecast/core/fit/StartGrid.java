package io.scalecast.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The multi-start grids of the fits, with identical starts removed. */
public final class StartGrid {

    private StartGrid() {
    }

    /**
     * Hoffmann's and Epoch's 4,500 starts for [a, b, e, α, β]: a, b ∈ {0, 5, ..., 25}, e ∈ {−1, −0.5, 0, 0.5, 1},
     * α, β ∈ {0, 0.5, 1, 1.5, 2} (science.md section 2.2).
     */
    public static List<double[]> chinchilla() {
        double[] ab = {0, 5, 10, 15, 20, 25};
        double[] es = {-1, -0.5, 0, 0.5, 1};
        double[] exps = {0, 0.5, 1, 1.5, 2};
        List<double[]> starts = new ArrayList<>(4500);
        for (double a : ab) {
            for (double b : ab) {
                for (double e : es) {
                    for (double alpha : exps) {
                        for (double beta : exps) {
                            starts.add(new double[] {a, b, e, alpha, beta});
                        }
                    }
                }
            }
        }
        return starts;
    }

    /** The starts with exact duplicates removed, in their first order. */
    public static List<double[]> distinct(List<double[]> starts) {
        Set<List<Double>> seen = new LinkedHashSet<>();
        List<double[]> out = new ArrayList<>();
        for (double[] s : starts) {
            if (seen.add(Arrays.stream(s).boxed().toList())) {
                out.add(s.clone());
            }
        }
        return out;
    }
}
