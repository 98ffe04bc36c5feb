package io.scalecast.core.law;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy of a multiple-choice benchmark against loss with chance as its floor (science.md section 4.3; the
 * sigmoidal shape of Ruan et al. 2024): acc(L) = c + (u − c)·σ(−k·(L − L_mid)), with c ≤ acc ≤ u ≤ 1.
 *
 * @param chance the chance level c, known from the benchmark (1 / choices)
 * @param ceiling the upper level u
 * @param steepness k
 * @param midpoint L_mid, the loss halfway between chance and ceiling
 */
public record SigmoidAccuracyLaw(double chance, double ceiling, double steepness, double midpoint) {

    /** Parameter names in the order of {@link #toVector()}. */
    public static final List<String> NAMES = List.of("chance", "ceiling", "steepness", "midpoint");

    /** The law of a vector in {@link #NAMES} order. */
    public static SigmoidAccuracyLaw fromVector(double[] v) {
        return new SigmoidAccuracyLaw(v[0], v[1], v[2], v[3]);
    }

    /** The parameters in {@link #NAMES} order. */
    public double[] toVector() {
        return new double[] {chance, ceiling, steepness, midpoint};
    }

    /** The parameters by name. */
    public Map<String, Double> named() {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] v = toVector();
        for (int i = 0; i < v.length; i++) {
            m.put(NAMES.get(i), v[i]);
        }
        return m;
    }

    /** The predicted accuracy at loss L. */
    public double accuracy(double loss) {
        return chance + (ceiling - chance) / (1 + Math.exp(steepness * (loss - midpoint)));
    }
}
