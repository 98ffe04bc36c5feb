package io.scalecast.core.law;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The Chinchilla law L(N, D) = E + A / N^α + B / D^β (Hoffmann et al. 2022, Approach 3), at full precision.
 *
 * @param e irreducible loss E
 * @param a the parameter term's scale A
 * @param b the data term's scale B
 * @param alpha the parameter exponent α
 * @param beta the data exponent β
 */
public record ChinchillaLaw(double e, double a, double b, double alpha, double beta) {

    /** Number of free parameters of the full law. */
    public static final int PARAMETERS = 5;

    /**
     * The parameters by their published names, in the order E, A, B, alpha, beta: the order of every parameter map
     * and bootstrap draw vector on the wire.
     */
    public static final Map<String, ToDoubleFunction<ChinchillaLaw>> NAMED = getters();

    private static Map<String, ToDoubleFunction<ChinchillaLaw>> getters() {
        Map<String, ToDoubleFunction<ChinchillaLaw>> m = new LinkedHashMap<>();
        m.put("E", ChinchillaLaw::e);
        m.put("A", ChinchillaLaw::a);
        m.put("B", ChinchillaLaw::b);
        m.put("alpha", ChinchillaLaw::alpha);
        m.put("beta", ChinchillaLaw::beta);
        return Collections.unmodifiableMap(m);
    }

    /** The parameters by name, in the order of {@link #NAMED}. */
    public Map<String, Double> named() {
        Map<String, Double> m = new LinkedHashMap<>();
        NAMED.forEach((name, get) -> m.put(name, get.applyAsDouble(this)));
        return m;
    }

    /** Rebuilds a law from its parameters by name; throws naming the first one missing. */
    public static ChinchillaLaw fromNamed(Map<String, Double> params) {
        double[] v = new double[PARAMETERS];
        int i = 0;
        for (String name : NAMED.keySet()) {
            Double value = params.get(name);
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " is missing");
            }
            v[i++] = value;
        }
        return fromVector(v);
    }

    /** The vector [E, A, B, alpha, beta], as bootstrap draws are published. */
    public double[] toVector() {
        return new double[] {e, a, b, alpha, beta};
    }

    /** Rebuilds a law from the vector [E, A, B, alpha, beta]. */
    public static ChinchillaLaw fromVector(double[] v) {
        return new ChinchillaLaw(v[0], v[1], v[2], v[3], v[4]);
    }

    /** Builds the law from the fitted log-space vector [ln A, ln B, ln E, α, β]. */
    public static ChinchillaLaw fromLogVector(double[] v) {
        return new ChinchillaLaw(Math.exp(v[2]), Math.exp(v[0]), Math.exp(v[1]), v[3], v[4]);
    }

    /** The log-space vector [ln A, ln B, ln E, α, β] the fit works in. */
    public double[] toLogVector() {
        return new double[] {Math.log(a), Math.log(b), Math.log(e), alpha, beta};
    }

    /** The same law with another α. */
    public ChinchillaLaw withAlpha(double newAlpha) {
        return new ChinchillaLaw(e, a, b, newAlpha, beta);
    }

    /** Predicted loss for N parameters trained on D tokens. */
    public double loss(double params, double tokens) {
        return e + a / Math.pow(params, alpha) + b / Math.pow(tokens, beta);
    }

    /** The loss-minimising split of a FLOP budget C = 6·N·D (Hoffmann et al. eq. 4). */
    public Allocation computeOptimal(double flops) {
        double g = Math.pow(alpha * a / (beta * b), 1.0 / (alpha + beta));
        double ac = beta / (alpha + beta);
        double bc = alpha / (alpha + beta);
        double n = g * Math.pow(flops / 6.0, ac);
        double d = Math.pow(flops / 6.0, bc) / g;
        return new Allocation(flops, n, d, loss(n, d), ac, bc);
    }

    /**
     * The compute-optimal point for a FLOP budget.
     *
     * @param flops the budget C
     * @param params optimal parameters N*
     * @param tokens optimal tokens D*
     * @param loss the law's loss at (N*, D*)
     * @param paramsExponent a_c, with N* ∝ C^a_c
     * @param tokensExponent b_c, with D* ∝ C^b_c
     */
    public record Allocation(double flops, double params, double tokens, double loss,
                             double paramsExponent, double tokensExponent) {
    }
}
