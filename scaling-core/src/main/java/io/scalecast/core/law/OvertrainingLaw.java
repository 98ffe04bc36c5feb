package io.scalecast.core.law;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gadre et al.'s loss in compute and token multiplier (2024, eq. 4), in the form their repository fits:
 * L(N, M) = E + a·N^p + b·6^(p/2)·(M·N)^p with p &lt; 0 and M = D/N. Equivalently L(C, M) = E + (a'·M^η + b'·M^−η)·C^−η
 * with η = −p/2, a' = a·6^η, b' = b; in Chinchilla form A = a, B = b·6^(p/2), α = β = −p.
 *
 * @param e irreducible loss E
 * @param a the parameter term's scale
 * @param b the data term's scale
 * @param p the shared exponent (negative)
 */
public record OvertrainingLaw(double e, double a, double b, double p) {

    /** Parameter names in the order of {@link #toVector()}. */
    public static final List<String> NAMES = List.of("E", "a", "b", "p");

    /** The law of a vector in {@link #NAMES} order. */
    public static OvertrainingLaw fromVector(double[] v) {
        return new OvertrainingLaw(v[0], v[1], v[2], v[3]);
    }

    /** The parameters in {@link #NAMES} order. */
    public double[] toVector() {
        return new double[] {e, a, b, p};
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

    /** The derivatives of {@link #loss} in (E, a, b, p), for least squares and the delta method. */
    public double[] gradient(double params, double multiplier) {
        double np = Math.pow(params, p);
        double dp = Math.pow(6, p / 2) * Math.pow(multiplier * params, p);
        return new double[] {1, np, dp, a * np * Math.log(params) + b * dp * (0.5 * Math.log(6)
                + Math.log(multiplier * params))};
    }

    /** The loss of N parameters trained with token multiplier M (D = M·N). */
    public double loss(double params, double multiplier) {
        return e + a * Math.pow(params, p) + b * Math.pow(6, p / 2) * Math.pow(multiplier * params, p);
    }

    /** η of the compute form. */
    public double eta() {
        return -p / 2;
    }

    /** The same law in Chinchilla form (α = β). */
    public ChinchillaLaw toChinchilla() {
        return new ChinchillaLaw(e, a, b * Math.pow(6, p / 2), -p, -p);
    }
}
