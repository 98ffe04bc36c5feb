package io.scalecast.core.law;

/**
 * A one-axis power law with an irreducible term, L(x) = E + A·x^−α, for x = compute, parameters or tokens
 * (Hestness et al. 2017; Kaplan et al. 2020).
 *
 * @param e irreducible loss E
 * @param a scale A
 * @param alpha exponent α
 */
public record PowerLaw(double e, double a, double alpha) {

    /** Builds the law from the fitted log-space vector [ln A, ln E, α]. */
    public static PowerLaw fromLogVector(double[] v) {
        return new PowerLaw(Math.exp(v[1]), Math.exp(v[0]), v[2]);
    }

    /** The log-space vector [ln A, ln E, α] the fit works in. */
    public double[] toLogVector() {
        return new double[] {Math.log(a), Math.log(e), alpha};
    }

    /** Predicted loss at x. */
    public double loss(double x) {
        return e + a / Math.pow(x, alpha);
    }
}
