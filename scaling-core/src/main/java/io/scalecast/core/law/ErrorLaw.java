package io.scalecast.core.law;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gadre et al.'s map from loss to average top-1 error (2024, eq. 5): Err(L) = ε − k·exp(−γ·L), bounded above by ε
 * (the error when loss is large, near chance) and approaching ε − k·exp(−γ·E) as L falls to E.
 *
 * @param epsilon the error ceiling ε
 * @param k the scale k
 * @param gamma the rate γ
 */
public record ErrorLaw(double epsilon, double k, double gamma) {

    /** Parameter names in the order of {@link #toVector()}. */
    public static final List<String> NAMES = List.of("epsilon", "k", "gamma");

    /** The law of a vector in {@link #NAMES} order. */
    public static ErrorLaw fromVector(double[] v) {
        return new ErrorLaw(v[0], v[1], v[2]);
    }

    /** The parameters in {@link #NAMES} order. */
    public double[] toVector() {
        return new double[] {epsilon, k, gamma};
    }

    /** The parameters by name. */
    public Map<String, Double> named() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epsilon", epsilon);
        m.put("k", k);
        m.put("gamma", gamma);
        return m;
    }

    /**
     * Whether the form allows this law: a ceiling ε above zero and an error that falls as loss falls (k, γ above zero).
     * Draws from a linearised covariance reach laws outside it when the map is poorly determined.
     */
    public boolean allowed() {
        return epsilon > 0 && k > 0 && gamma > 0;
    }

    /** The derivatives of {@link #error} in (ε, k, γ). */
    public double[] gradient(double loss) {
        double decay = Math.exp(-gamma * loss);
        return new double[] {1, -decay, k * loss * decay};
    }

    /** The predicted error at loss L. */
    public double error(double loss) {
        return epsilon - k * Math.exp(-gamma * loss);
    }
}
