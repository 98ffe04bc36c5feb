package io.scalecast.core.law;

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
